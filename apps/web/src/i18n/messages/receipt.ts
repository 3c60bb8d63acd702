/** Messages of the bid receipt's print, download and check (the team's bid page). */
export const receiptZh = {
  'receipt.print': '打印回执',
  'receipt.download': '下载回执',
  'receipt.verifyTitle': '如何核验',
  'receipt.verifyRoute': '任何持有回执的人都可查询：',
  'receipt.verifyHint':
    '该地址只答复榜单、服务器时间和申报是否仍有效，不透露申报单位和申报内容。自行核验：按 RFC 8785 规范化您保存的申报书，计算 SHA-256，与回执哈希比对；提交记录同时写入审计账本。',
  'receipt.challenge': '榜单编号',
  'receipt.bid': '申报编号',
};
