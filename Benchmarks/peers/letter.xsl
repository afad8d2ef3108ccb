<?xml version="1.0" encoding="UTF-8"?>
<!-- Peer for Benchmarks/run: the confirmation letter as XSLT 1.0, one xsltproc process
     writing one file per letter with exsl:document. The figures come precomputed in
     letters.xml (made by ardoc's ledger code), so this peer only lays out and writes. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:output method="html" encoding="UTF-8"/>
  <xsl:param name="out" select="'out'"/>
  <xsl:template match="/letters">
    <xsl:for-each select="letter">
      <exsl:document href="{$out}/{@number}-confirmation-{@id}.html" method="html" encoding="UTF-8" doctype-system="about:legacy-compat">
        <html lang="zh-CN">
          <head>
            <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
            <meta name="ardoc:kind" content="confirmation"/>
            <meta name="ardoc:number" content="{@number}"/>
            <meta name="ardoc:customer" content="{@id}"/>
            <meta name="ardoc:balance" content="{balance/@raw}"/>
            <meta name="ardoc:payment-owner" content="{owner}"/>
            <title>往来款项询证函 <xsl:value-of select="@number"/></title>
            <style><xsl:value-of select="/letters/css"/></style>
          </head>
          <body>
            <div class="letterhead"><h1 data-field="issuer">上海澄明工业软件有限公司</h1><p>上海市浦东新区张江路 88 号 5 楼</p></div>
            <p class="docnumber">编号：<span data-field="number"><xsl:value-of select="@number"/></span></p>
            <main>
              <h2 class="title">往来款项询证函</h2>
              <div class="addressee"><p><span data-field="customer"><xsl:value-of select="customer"/></span>：</p>
                <p>致 <span data-field="payment-owner"><xsl:value-of select="owner"/></span>（财务经理）：</p></div>
              <p>为保证双方账目清晰一致，现将截至 2026年11月30日 本公司账面记录的贵公司往来款项列示如下，烦请核对。如与贵公司记录相符，请在本函下端“信息证明无误”处签章证明；如有不符，请在“信息不符”处列明不符金额及详细情况。</p>
              <table class="grid invoices">
                <thead><tr><th>序号</th><th>发票号码</th><th>开票日期</th><th>到期日</th><th class="num">发票金额</th><th class="num">已收/冲减金额</th><th class="num">未付金额</th></tr></thead>
                <tbody>
                  <xsl:for-each select="row">
                    <tr data-amount="{@raw}" data-invoice="{@number}"><td><xsl:value-of select="@n"/></td><td><xsl:value-of select="@number"/></td>
                      <td><xsl:value-of select="@issued"/></td><td><xsl:value-of select="@due"/></td><td class="num"><xsl:value-of select="@amount"/></td>
                      <td class="num"><xsl:value-of select="@paid"/></td><td class="num"><xsl:value-of select="@open"/></td></tr>
                  </xsl:for-each>
                </tbody>
                <tfoot><tr><td colspan="6">合计（CNY）</td><td class="num figure"><xsl:value-of select="balance"/></td></tr></tfoot>
              </table>
              <p>截至上述日期，贵公司尚欠本公司款项 <span class="figure" data-field="balance">¥<xsl:value-of select="balance"/></span>（大写：<span class="figure" data-field="balance-in-words"><xsl:value-of select="words"/></span>）。</p>
              <p class="bank">本公司收款账户 — 户名：上海澄明工业软件有限公司；开户行：招商银行上海张江支行；账号：<span data-field="bank-account">1219 0876 5432 101</span>。</p>
              <p>请于收到本函后 10 日内（2026年12月10日前）签章后寄回或扫描发送至本公司联系人。本函仅为核对账目之用，并非催款结算。</p>
              <div class="seals"><div class="seal" data-seal="issuer" data-party="上海澄明工业软件有限公司"><p>发函单位（盖章）：<span>上海澄明工业软件有限公司</span></p><div class="stamp"></div><p>日期：<span data-date="issuer">2026年11月30日</span></p></div></div>
              <div class="reply"><p>以下由被询证单位填写：</p>
                <div class="part" data-reply="agree"><p>1. 信息证明无误。</p><div class="seal" data-seal="counterparty" data-party="{customer}"><p>客户单位（盖章）：<span><xsl:value-of select="customer"/></span></p><div class="stamp"></div><p>经办人（签字）：<span class="blank" data-signature="agree"> </span></p><p>日期：<span data-date="agree">　　　年　　月　　日</span></p></div></div>
                <div class="part" data-reply="disagree"><p>2. 信息不符，请列明不符金额及详细情况：</p><p class="blank" style="width: 100%; height: 12mm;"> </p><div class="seal" data-seal="counterparty" data-party="{customer}"><p>客户单位（盖章）：<span><xsl:value-of select="customer"/></span></p><div class="stamp"></div><p>经办人（签字）：<span class="blank" data-signature="disagree"> </span></p><p>日期：<span data-date="disagree">　　　年　　月　　日</span></p></div></div>
              </div>
            </main>
            <footer><p>联系人：李静（应收账款专员） · 电话 138 1234 5678</p></footer>
          </body>
        </html>
      </exsl:document>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
