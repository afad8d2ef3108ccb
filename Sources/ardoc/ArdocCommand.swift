import ArgumentParser

@main
struct ArdocCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ardoc",
    abstract: "Turn a receivables ledger into the documents that get it paid.",
    version: "0.1.0",
    subcommands: [
      BatchCommand.self, ConfirmCommand.self, DunCommand.self, ProposeCommand.self, NoticeCommand.self,
      ReplyCommand.self, RepliesCommand.self, ReconcileCommand.self, ValidateCommand.self,
      ImportCommand.self,
      AgingCommand.self, PreflightCommand.self, RegisterCommand.self, RenderCommand.self, ServeCommand.self,
      UsersCommand.self,
    ]
  )
}
