command-broadcast = Send an announcement to participants
command-broadcasts = Past announcements and their delivery

broadcast-only-organisers = This command is for the mission's organisers.
broadcast-button-only-organisers = Only organisers can use this button.

broadcast-audience-ask =
    📣 <b>New announcement</b>
    Who should receive it?
broadcast-audience-all = 👥 Everyone
broadcast-audience-delegate = 🧳 Delegates
broadcast-audience-host = 🏢 Hosts
broadcast-audience-speaker = 🎤 Speakers
broadcast-audience-organiser = 🛠 Organisers
broadcast-audience-tags = 🏷 By interest…
broadcast-audience-tag = 🏷 { $tag }
broadcast-tag-ask = Participants interested in which topic?
broadcast-audience-empty = Audience: <b>{ $audience }</b>. Nobody there can receive messages from the bot yet. Choose another audience.
broadcast-back = ‹ Back
broadcast-abort = ✖️ Cancel
broadcast-use-buttons = Please choose with the buttons above, or send /cancel.

broadcast-group-ask =
    Audience: <b>{ $audience }</b>.
    Post it to the mission's group as well?
broadcast-group-yes = 💬 Yes, to the group too
broadcast-group-no = Only to participants

broadcast-message-ask =
    Audience: <b>{ $audience }</b>{ $group ->
        [yes] , and the mission's group
       *[no] {""}
    }.
    Now send the message: a text, or a photo or a document with a caption. Bold, italics and links are kept.
broadcast-message-unsupported = I can send out a text, a photo or a document. Send one of those, or /cancel.
broadcast-message-empty = The message is empty. Send the text of the announcement.
broadcast-text-too-long = The text is { $length } characters long; Telegram allows at most { $max }. Shorten it and send it again.
broadcast-caption-too-long = The caption is { $length } characters long; Telegram allows at most { $max } under a photo or document. Shorten it and send it again.
broadcast-kind-mismatch = The first version is { $kind ->
        [text] a text
        [photo] a photo
       *[document] a document
    }: send this one as { $kind ->
        [text] a text
        [photo] a photo or just its caption as text
       *[document] a document or just its caption as text
    } too.

broadcast-language-ask = Which language is this version in?
broadcast-second-ask = Send the { $language ->
        [ru] Russian
       *[en] English
    } version now{ $media ->
        [yes] {" "}(just the caption as a text, or a new file with its caption)
       *[no] {""}
    }, or press Skip: then everyone gets the { $first ->
        [ru] Russian
       *[en] English
    } one.
broadcast-skip = Skip ›

broadcast-summary-intro = ☝️ Above is exactly what recipients will see.
broadcast-summary-people = Recipients: { $people ->
        [one] { $people } participant
       *[other] { $people } participants
    }.
broadcast-summary-version = { $language ->
        [ru] 🇷🇺 Russian
       *[en] 🇬🇧 English
    } version: { $count }
broadcast-summary-unreachable = 🚫 The bot cannot write to { $count } of them (blocked the bot { $blocked } · never opened it { $notStarted } · deleted their account { $deactivated }): they are not sent it, and are counted in the report.
broadcast-summary-group = 💬 The mission's group gets the { $language ->
        [ru] Russian
       *[en] English
    } version.
broadcast-summary-ask = Send it?
broadcast-send = ✅ Send
broadcast-aborted = Cancelled. Nothing was sent.
broadcast-started = Sending started.

# Everyone a broadcast was for, counted once each: the pieces of the progress line and of /broadcasts.
broadcast-count-sent = ✅ sent { $count }
broadcast-count-received = ✅ { $sent } of { $total } received it ({ $rate }%)
broadcast-count-blocked = 🚫 blocked the bot { $count }
broadcast-count-not-started = 👻 never opened it { $count }
broadcast-count-deactivated = 🗑 deleted their account { $count }
broadcast-count-unexplained = ❔ unreachable, reason not recorded { $count }
broadcast-count-failed = ⚠️ failed { $count }
broadcast-count-cancelled = ✖️ not sent { $count }
broadcast-count-left = ⏳ left { $count }
broadcast-progress =
    📣 <b>Announcement #{ $id }</b>: sending…
    { $counts }
broadcast-progress-stopping =
    📣 <b>Announcement #{ $id }</b>: stopping…
    { $counts }
broadcast-stop = ⏹ Stop sending
broadcast-final-done =
    📣 <b>Announcement #{ $id }</b>: done.
    { $counts }
broadcast-final-cancelled =
    📣 <b>Announcement #{ $id }</b>: stopped.
    { $counts }
broadcast-report-done = ✅ Announcement #{ $id } has gone out: { $sent } of { $total } received it ({ $rate }%).
broadcast-report-cancelled = ⏹ Announcement #{ $id } was stopped: { $sent } of { $total } received it ({ $rate }%), { $cancelled } were not sent it.
broadcast-report-blocked = 🚫 Blocked the bot: { $count }.
broadcast-report-not-started = 👻 Never opened the bot: { $count }.
broadcast-report-deactivated = 🗑 Deleted their account: { $count }.
broadcast-report-unexplained = ❔ Unreachable, reason not recorded: { $count }.
broadcast-report-failed = ⚠️ Failed after retries: { $count }.

deleted-broadcast-receipts = the record of which announcements reached you

broadcast-stop-done = Stopping: nobody else will get it.
broadcast-stop-finished = This announcement has already gone out.
broadcast-stop-already = This announcement is already stopped.

broadcast-history-empty = No announcements yet. Send one with /broadcast.
broadcast-history-title = 📣 <b>Announcements</b>, newest first:
broadcast-history-item =
    <b>#{ $id }</b> · { $date } · { $audience } · { $status ->
        [sending] ⏳ sending
        [cancelled] ⏹ stopped
       *[done] ✅ done
    }
    «{ $summary }»
    { $counts }
broadcast-history-group = 💬 group
broadcast-summary-media = [{ $kind ->
        [photo] photo
       *[document] document
    }]
