command-agreements = Meetings held and agreements: what came of them
deleted-outcomes = your answers on what came of your meetings, with your notes (the other side's own answers stay)

outcome-ask = 🤝 Did you meet { $name }{ $company }?
    🕒 { $slot }
outcome-met-yes = ✅ Yes, we met
outcome-met-no = ✖️ No, it did not happen
outcome-met-later = 🕒 We will meet later
outcome-said-no = Noted: the meeting with { $name } did not take place. You can change this any time in /agreements.
outcome-said-later = Noted: you will meet { $name } later. I will ask again on { $when }.
outcome-said-later-last = Noted: you will meet { $name } later. Tell me how it went in /agreements.

outcome-toast-same = That is your answer already.
outcome-toast-stale = This button is out of date: your answer has changed since. See /agreements.
outcome-toast-not-yours = This is not your meeting.
outcome-toast-not-yet = The meeting has not begun yet: you can answer once it has.
outcome-toast-not-met = First say that the meeting took place.
outcome-toast-no-agreement = No agreement is recorded for this meeting.

outcome-flow-result = 📝 What came of the meeting with { $name }?
outcome-result-supply = 🤝 Agreement: supply
outcome-result-joint-project = 🤝 Agreement: joint project
outcome-result-investment = 🤝 Agreement: investment
outcome-result-partnership = 🤝 Agreement: partnership / distribution
outcome-result-other = 🤝 Agreement: other
outcome-result-follow-up = 📅 A follow-up is planned
outcome-result-none = — No result
outcome-flow-note = ✍️ Add a short note on what was agreed, up to 500 characters. Only you, { $name } and the mission's organisers will see it. Or press “Skip”.
outcome-flow-skip = Skip
outcome-flow-need-text = ⚠️ Please write the note as text, or press “Skip”.
outcome-flow-use-buttons = Please use the buttons below.
outcome-flow-by-when = 📅 By when should the agreement be carried out? Choose a month, or “No date”.
outcome-flow-no-date = No date
outcome-flow-saved = Thank you, saved: { $answer }
outcome-flow-follow-ups = I will ask how the agreement is going in { $days } { $last ->
    [one] day
   *[other] days
}.
outcome-flow-change = Change it any time in /agreements.
outcome-flow-left = You left the questions about the meeting; what you answered so far is saved. Change it any time in /agreements.

outcome-follow-up = 📋 The agreement with { $name } ({ $type }, { $date }): how is it going?
outcome-progress-done = ✅ Carried out
outcome-progress-in-progress = ⏳ In progress
outcome-progress-not-done = ✖️ Not carried out
outcome-reason-question = ✖️ Noted: not carried out. What got in the way?
outcome-reason-partner-silent = The partner went silent
outcome-reason-terms = Terms or price did not suit
outcome-reason-funding = No funding
outcome-reason-priorities = Priorities changed
outcome-reason-other = Another reason
outcome-said-progress = Noted: { $state }. Thank you! Change it any time in /agreements.

outcome-type-supply = supply
outcome-type-joint-project = joint project
outcome-type-investment = investment
outcome-type-partnership = partnership / distribution
outcome-type-other = other agreement

outcome-state-unanswered = no answer yet
outcome-state-met-yes = ✅ met
outcome-state-met-no = ✖️ did not take place
outcome-state-met-later = 🕒 will meet later
outcome-state-agreement = 🤝 agreement: { $type }
outcome-state-follow-up = 📅 follow-up planned
outcome-state-none = no result
outcome-state-by-when = by { $month }
outcome-progress-state-done = ✅ carried out
outcome-progress-state-in-progress = ⏳ in progress
outcome-progress-state-not-done = ✖️ not carried out
outcome-progress-with-reason = { $state } ({ $reason })

outcome-card-title = 🤝 <b>Meeting with { $name }</b>{ $company }
outcome-card-when = 🕒 { $slot }
outcome-card-mine = <b>Your answer:</b> { $answer }
outcome-card-theirs = <b>{ $name }:</b> { $answer }
outcome-card-note = 📝 { $note }
outcome-card-progress = Carried out? { $state } — { $date }
outcome-card-private = 🔒 Notes are seen only by the two of you and the mission's organisers.
outcome-card-edit = ✏️ What came of it
outcome-open-button = 📝 Did you meet? What came of it

agreements-title = 📋 <b>Meetings and agreements</b>
agreements-summary = Held: { $held } · agreements: { $agreements } · waiting for your answer: { $waiting }
agreements-empty = Nothing to tell about yet: an agreed meeting appears here once its time has come. Your requests and meetings: /meetings
agreements-line = { $number }. { $name }{ $company } — { $date } · { $state }
agreements-page = Page { $page } of { $pages }

stats-outcomes-title = 🎯 <b>After the meetings</b>
stats-funnel-requests = Requests: { $count }
stats-funnel-accepted = → accepted: { $count } ({ $percent } of requests)
stats-funnel-held = → held: { $count } ({ $percent } of accepted), by either side's word · answered { $answered } of { $asked } asked ({ $rate })
stats-funnel-agreements = → agreements: { $count } ({ $percent } of held)
stats-funnel-progress = → carried out: { $done } ({ $donePercent }) · in progress: { $inProgress } · not carried out: { $notDone } — of { $answered } agreements answered, { $asked } asked ({ $rate } answered)
stats-percent-none = —
stats-chart-caption = 🎯 After the meetings: the funnel and the meetings held per day
stats-chart-title = After the meetings
stats-chart-funnel = Funnel
stats-chart-per-day = Meetings held per day
stats-chart-requests = Requests
stats-chart-accepted = Accepted
stats-chart-held = Held
stats-chart-agreements = Agreements
stats-chart-carried-out = Carried out

export-sheet-outcomes = Outcomes
export-caption-csv-outcomes = Outcomes of the meetings as CSV (UTF-8)
export-ocol-id = Request
export-ocol-start = Meeting ({ $zone })
export-ocol-from = From
export-ocol-from-company = From: company
export-ocol-from-met = From: met?
export-ocol-from-result = From: result
export-ocol-from-by-when = From: by when
export-ocol-from-note = From: note
export-ocol-from-progress = From: carried out? ({ $zone })
export-ocol-to = To
export-ocol-to-company = To: company
export-ocol-to-met = To: met?
export-ocol-to-result = To: result
export-ocol-to-by-when = To: by when
export-ocol-to-note = To: note
export-ocol-to-progress = To: carried out? ({ $zone })
export-met-yes = yes
export-met-no = no
export-met-later = later
export-result-follow-up = follow-up planned
export-result-none = no result
export-follow-up-days = after { $days } days
export-follow-up-unprompted = update
