command-meetings = My meeting requests and meetings
menu-meetings = 🤝 Meetings
deleted-meetings = your meeting requests and meetings: open ones closed (the other side was told); the bot's records of them no longer name you or hold your messages
deleted-meetings-retracted = the text of your requests still waiting for an answer, from the chats of the people you sent them to
others-keep-meeting-names = messages about your meeting requests and meetings, which name you
others-keep-meeting-requests = your requests they had received: your card and your message
others-keep-meeting-contacts = your contacts, given to them when a meeting was agreed

meeting-any-time = any time (to be agreed)
meeting-slot = { $date }, { $start }–{ $end } ({ $zone })
meeting-moment = { $date }, { $time } ({ $zone })
meeting-agenda-title = Meeting with { $name }
meeting-someone-left = a participant who has left the bot
meeting-when = 🕒 <b>When:</b> { $slot }
meeting-proposed-time = 🕒 <b>Proposed instead:</b> { $slot }
meeting-their-message = 💬 <b>Their message:</b>
meeting-your-message = 💬 <b>Your message:</b>
meeting-reason = Reason: { $reason }

meeting-contacts-title = 📇 <b>Contacts</b>
meeting-contacts-telegram = 💬 Telegram: { $link }{ $username }
meeting-contacts-telegram-only = They shared no phone or e-mail: write to them in Telegram.

meeting-accept = ✅ Accept
meeting-decline = ✖️ Decline
meeting-propose = 🕒 Propose another time
meeting-accept-proposal = ✅ Accept this time
meeting-decline-proposal = ✖️ Decline
meeting-withdraw = ↩️ Withdraw the request
meeting-cancel = 🚫 Cancel the meeting
meeting-withdraw-yes = Yes, withdraw it
meeting-cancel-yes = Yes, cancel it
meeting-back = ← Back
meeting-decline-busy = Busy at that time
meeting-decline-not-relevant = Not my field
meeting-decline-no-time = No time during the mission
meeting-decline-none = Without a reason
meeting-decline-other = Another reason

meeting-new-title = 🤝 <b>New meeting request</b>
meeting-waiting = 📬 { $count ->
    [one] A meeting request was waiting for you while you were away:
   *[other] { $count } meeting requests were waiting for you while you were away:
}
meeting-retracted = ↩️ This meeting request was withdrawn.

meeting-told-accepted = ✅ { $name } accepted your meeting request.
    🕒 { $slot }
meeting-told-declined = { $name } cannot meet this time and declined your request.
meeting-told-declined-next = Thank you for asking — there are other participants to meet in 👥 People.
meeting-told-proposed = 🕒 { $name } proposes another time for your meeting: <b>{ $slot }</b>
meeting-told-proposal-accepted = ✅ { $name } accepted the time you proposed.
    🕒 { $slot }
meeting-told-proposal-declined = { $name } cannot make the time you proposed, so the request is closed.
meeting-told-withdrawn = ↩️ { $name } withdrew their meeting request.
meeting-told-cancelled = 🚫 { $name } cancelled your meeting. That time is free again.
    🕒 { $slot }
meeting-told-left-meeting = 🚫 Your meeting with { $who } is cancelled: the participant has left the bot and deleted their data.
    🕒 { $slot }
meeting-told-left-request = ↩️ The meeting request with { $who } is closed: the participant has left the bot and deleted their data.
    🕒 { $slot }
meeting-left-who = <b>{ $company }</b>
meeting-left-who-unknown = a participant

meeting-digest-title = ⏰ <b>{ $count ->
    [one] A meeting request is waiting for your answer
   *[other] { $count } meeting requests are waiting for your answer
}</b>
    For more than 12 hours now. Please accept, decline or propose another time — the other side is waiting.
meeting-digest-line = { $number }. { $name }{ $company } — { $slot }
meeting-digest-more = …and { $count } more in /meetings

meeting-state-accepted = agreed
meeting-state-declined = declined
meeting-state-cancelled = cancelled
meeting-state-your-move = waiting for your answer
meeting-state-their-move = waiting for their answer
meeting-card-title = 🤝 <b>Meeting request</b> · { $state }
meeting-card-to = To: { $name }
meeting-card-from = From: { $name }

meetings-title = 🤝 <b>My meetings</b>
meetings-empty = No meeting requests yet. Find people to meet in 👥 People (/people).
meetings-summary = Agreed: { $accepted } · pending: { $pending }
meetings-group-accepted = 📅 <b>Agreed meetings</b>
meetings-group-pending = ⏳ <b>Pending</b>
meetings-group-declined = ✖️ <b>Declined</b>
meetings-group-cancelled = 🚫 <b>Cancelled</b>
meetings-line = { $number }. { $direction } { $name }{ $company } — { $slot }{ $note }
meetings-page = Page { $page } of { $pages }
meetings-button-any-time = any time
meetings-button-someone-left = Participant who left

meeting-flow-slot = 🕒 When would you like to meet { $name }?
    These times are free for both of you ({ $zone }):
meeting-any-time-button = 🤝 Any time — we will agree
meeting-flow-abort = ✖️ Cancel
meeting-flow-message = ✍️ Write a short message to { $name }: who you are and what you would like to discuss. Up to 500 characters.
meeting-flow-confirm-title = 📨 <b>Check your request</b>
meeting-flow-confirm-question = Send it?
meeting-flow-send = 📨 Send
meeting-flow-edit = ✏️ Edit the message
meeting-flow-time = 🕒 Change the time
meeting-flow-left = The meeting request was not sent.
meeting-flow-use-buttons = Please use the buttons below.
meeting-flow-need-text = ⚠️ Please write the message as text.
meeting-flow-sent = 📨 Your request is sent to { $name }. I will tell you as soon as they answer. All your requests: /meetings
meeting-flow-sent-later = 📨 Your request is saved. { $name } has not opened the bot yet: they will see it as soon as they do, and I will tell you their answer.
meeting-flow-aborted = The meeting request was not sent.

meeting-refused-not-registered = To request meetings, register first: it takes about a minute.
meeting-refused-unknown = This participant is no longer in the directory.
meeting-refused-self = That is your own card 🙂
meeting-refused-too-many-pending = You already have { $limit ->
    [one] a request
   *[other] { $limit } requests
} waiting for an answer — that is the limit. Wait for the answers, or withdraw one in /meetings.
meeting-refused-pair-open = You already have an open request or an agreed meeting with this participant: see /meetings.
meeting-refused-declined-recently = This participant declined your request recently. You can ask again after { $until }.
meeting-refused-slot-taken = That time has just been taken. Please choose another one.
meeting-refused-slot-past = That time is over. Please choose another one.
meeting-refused-not-yours = This request is not yours.
meeting-refused-already-answered = This request has been answered already.
meeting-refused-not-allowed-now = This cannot be done at the moment.
meeting-refused-bad-message = The message does not fit: up to 500 characters of text, please.

meeting-toast-not-yours = This request is not addressed to you.
meeting-toast-already-answered = This request has already been answered.
meeting-toast-not-allowed-now = You proposed another time: wait for their answer.
meeting-toast-slot-taken = That time is already taken by another meeting of one of you. Propose another time or decline.
meeting-toast-slot-past = That time is over. Propose another time or decline.
meeting-toast-no-slots = There is no other time free for both of you in the programme.
meeting-toast-sent = 📨 Your request to { $name } has already been sent: see /meetings.

meeting-done-accepted = ✅ The meeting with { $name } is agreed. They have your contacts too.
    🕒 { $slot }
meeting-done-declined = You declined the request from { $name }. They will be told politely.
meeting-done-proposed = You proposed { $slot } to { $name }. I will tell you their answer.
meeting-done-proposal-declined = You declined the proposed time. The request is closed.
meeting-done-withdrawn = Your request to { $name } is withdrawn.
meeting-done-cancelled = The meeting with { $name } is cancelled; they have been told. That time is free again.

# B2B tables: where an agreed meeting is held ("Table 7, KRITBI")
meeting-table = Table { $number }
meeting-table-desk = Table at the desk
meeting-table-place = { $table }, { $venue }
meeting-table-line = 📍 <b>Where:</b> { $place }
