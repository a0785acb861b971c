/** English messages of a group's data: the archive export, deleting a meeting, the retention of participants' records. */
export const dataMessagesEn = {
  'data.export': 'Download the whole archive (ZIP)',
  'data.exportHint': "Every meeting's minutes (DOCX), the boards' results (CSV) and everything machine-readable (JSON). Without the names participants typed on their phones, without secret links.",
  'data.delete': 'Delete meeting',
  'data.deleteNamed': 'Delete meeting {title}',
  'data.deleteTitle': 'Delete the meeting "{title}"?',
  'data.deleteWhat':
    'Everything of the meeting is deleted for good: its boards and their results, the records of how they went, the minutes with attendance and tasks, the participants and their answers. This cannot be undone.',
  'data.deleteConfirmLabel': "To confirm, type the meeting's title: {title}",
  'data.deleteConfirm': 'Delete for good',
  'data.deleted': 'The meeting {title} is deleted.',
  'data.participantsErased': "Participants' records erased on {date}",
  'data.settingsLink': 'Group settings',
  'data.settingsTitle': 'Settings of the group {group}',
  'data.retentionTitle': "Participants' records",
  'data.retentionLabel': "Erase participants' records after (days from the meeting)",
  'data.retentionHelp':
    "Once the time has passed, a meeting's participants lose the names and organisations they typed on their phones, their seats at tables, and the link between each of them and their answers. The boards' results stay the same. The minutes, attendance included as the secretary wrote it, are the record of the meeting and stay. Empty: the records are kept.",
  'data.retentionKeep': "Participants' records are kept.",
  'data.retentionDays': "{days, plural, one {Participants' records are erased # day after a meeting.} other {Participants' records are erased # days after a meeting.}}",
  'data.retentionSaved': 'Saved.',
} as const;
