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
broadcast-summary-group = 💬 The mission's group gets the { $language ->
        [ru] Russian
       *[en] English
    } version.
broadcast-summary-ask = Send it?
broadcast-send = ✅ Send
broadcast-aborted = Cancelled. Nothing was sent.
broadcast-started = Sending started.

broadcast-progress =
    📣 <b>Announcement #{ $id }</b>: sending…
    ✅ sent { $sent } · 🚫 unreachable { $unreachable } · ⚠️ failed { $failed } · ⏳ left { $left }
broadcast-progress-stopping =
    📣 <b>Announcement #{ $id }</b>: stopping…
    ✅ sent { $sent } · 🚫 unreachable { $unreachable } · ⚠️ failed { $failed } · ✖️ not sent { $cancelled } · ⏳ left { $left }
broadcast-stop = ⏹ Stop sending
broadcast-final-done =
    📣 <b>Announcement #{ $id }</b>: done.
    ✅ sent { $sent } · 🚫 unreachable { $unreachable } · ⚠️ failed { $failed }
broadcast-final-cancelled =
    📣 <b>Announcement #{ $id }</b>: stopped.
    ✅ sent { $sent } · 🚫 unreachable { $unreachable } · ⚠️ failed { $failed } · ✖️ not sent { $cancelled }
broadcast-report-done =
    ✅ Announcement #{ $id } has gone out: { $sent } of { $total } received it.
    🚫 Unreachable (blocked the bot or never opened it): { $unreachable }.
    ⚠️ Failed after retries: { $failed }.
broadcast-report-cancelled =
    ⏹ Announcement #{ $id } was stopped: { $sent } of { $total } received it, { $cancelled } did not.
    🚫 Unreachable: { $unreachable }. ⚠️ Failed: { $failed }.

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
    ✅ { $sent } of { $total } · 🚫 { $unreachable } · ⚠️ { $failed } · ✖️ { $cancelled } · delivered { $rate }%
broadcast-history-group = 💬 group
broadcast-summary-media = [{ $kind ->
        [photo] photo
       *[document] document
    }]
