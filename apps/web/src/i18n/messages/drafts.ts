/** Messages of bid drafts (the bid form and the team's bids page). */
export const draftsZh = {
  'draft.save': '保存草稿',
  'draft.saved': '草稿已保存',
  'draft.savedHint': '仅本机构的团队用户可见；提交申报或截止时自动删除。草稿不是申报，截止前须提交。',
  'draft.loaded': '已载入 {name} 于 {time} 保存的草稿。草稿尚未提交。',
  'draft.filesGone': '草稿中的 {n} 个文件已过期删除，请重新上传。',
  'draft.discard': '丢弃草稿',
  'draft.discardTitle': '丢弃草稿？',
  'draft.discardBody': '服务器上保存的草稿将被删除，表单恢复为空白（或上次撤回的申报）。此操作不能撤销。',
  'draft.discarded': '草稿已丢弃',
  'draft.unreadable': '保存的草稿无法打开，请重新填写。',
  'draft.listTitle': '未提交的草稿',
  'draft.savedAt': '保存于 {time}（{name}）',
  'draft.continue': '继续填写',
};
