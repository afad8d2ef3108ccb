import Basics
import Dispatch

extension RecordList {
  /// How many records make a block read ahead, and how many blocks may wait read.
  static let blockSize = 64
  static let blocksAhead = 8

  /// The records in order. A list whose items are parsed as they are reached (a ledger file's
  /// top-level lists, ``RawList/isDeferred``) is read ahead on another core: reading an item
  /// again from the file and parsing it costs about as much as checking it into the model, so
  /// the two run side by side. The records, and so every check and its message, are the same
  /// as read one by one; at most ``blocksAhead`` blocks wait read.
  func makeIterator() -> Iterator { Iterator(list: self) }

  struct Iterator: IteratorProtocol {
    let list: RecordList
    let ahead: ReadAhead?
    var position = 0
    /// The records in hand, from `blockStart`.
    var block: [Record] = []
    var blockStart = 0

    init(list: RecordList) {
      self.list = list
      let blocks = (list.positions.count + RecordList.blockSize - 1) / RecordList.blockSize
      ahead = list.items.isDeferred && blocks > 1 ? ReadAhead(list.items, list.positions, blocks: blocks) : nil
    }

    mutating func next() -> Fields? {
      guard position < list.positions.count else { return nil }
      defer { position += 1 }
      guard let ahead else { return list[position] }
      if position - blockStart >= block.count {
        blockStart = position
        let index = position / RecordList.blockSize
        // The first block is read here, while the other core reads the next ones. The block
        // in hand is given up first, so that the other core's reference is its last.
        var spent: [Record] = []
        swap(&spent, &block)
        block = index == 0 ? ReadAhead.read(list.items, list.positions, block: 0) : ahead.take(index, spent: spent)
      }
      return Fields(record: block[position - blockStart], log: list.log)
    }
  }

  /// Reads a list's blocks in order on another core, until they are all read or the list's
  /// reader lets go of it. A copy of an iterator shares its reader: a block taken out of
  /// order (a copy's) is read where it is asked for, without waiting.
  final class ReadAhead: Sendable {
    private let shared: Shared

    private struct Shared: Sendable {
      let items: RawList
      let positions: [Int]
      let blocks: Int
      let read = Locked<[Int: [Record]]>([:])
      /// The next block to be taken in order.
      let taken = Locked(1)
      /// Blocks the reader is done with, let go on the other core: freeing what that core
      /// allocated is cheaper there, and off the reader's path.
      let spent = Locked<[[Record]]>([])
      let stopped = Locked(false)
      /// Signalled once for each block read.
      let ready = DispatchSemaphore(value: 0)
      /// Signalled once for each block that may be read beyond those taken.
      let room = DispatchSemaphore(value: 0)
    }

    init(_ items: RawList, _ positions: [Int], blocks: Int) {
      let shared = Shared(items: items, positions: positions, blocks: blocks)
      self.shared = shared
      // Signalled rather than given as a starting value: a semaphore let go below its
      // starting value stops the process.
      for _ in 0..<RecordList.blocksAhead { shared.room.signal() }
      // A queue of its own, not the global one: on Linux the global queue runs one thread a
      // core, so readers on its threads (the web server's) waiting for their blocks would
      // leave no thread to read them; a queue of its own gets a thread of its own.
      DispatchQueue(label: "ardoc.read-ahead").async {
        for index in 1..<blocks {
          shared.room.wait()
          if shared.stopped.withLock({ $0 }) { return }
          // Taken out under the lock, let go after it.
          _ = shared.spent.withLock { spent in
            defer { spent = [] }
            return spent
          }
          let records = ReadAhead.read(shared.items, shared.positions, block: index)
          shared.read.withLock { $0[index] = records }
          shared.ready.signal()
        }
      }
    }

    deinit {
      shared.stopped.withLock { $0 = true }
      shared.room.signal()
    }

    /// Block `index` (from 1), waiting for it to be read; blocks are taken in order. `spent`
    /// is the block before it, to be let go on the other core while that core has blocks
    /// left to read (it is at most ``blocksAhead`` ahead).
    func take(_ index: Int, spent: [Record] = []) -> [Record] {
      let inOrder = shared.taken.withLock { taken in
        guard taken == index else { return false }
        taken += 1
        return true
      }
      guard inOrder else { return ReadAhead.read(shared.items, shared.positions, block: index) }
      if index + RecordList.blocksAhead < shared.blocks - 1 { shared.spent.withLock { $0.append(spent) } }
      shared.ready.wait()
      shared.room.signal()
      return shared.read.withLock { $0.removeValue(forKey: index) }
        ?? ReadAhead.read(shared.items, shared.positions, block: index)
    }

    static func read(_ items: RawList, _ positions: [Int], block index: Int) -> [Record] {
      let start = index * RecordList.blockSize
      return positions[start..<Swift.min(start + RecordList.blockSize, positions.count)].map { items.record($0) }
    }
  }
}
