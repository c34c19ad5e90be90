menu-today = 📅 Today
menu-now = ⏱ Now
menu-speakers = 🎤 Speakers
menu-my = ⭐ My agenda

command-today = Today's programme
command-now = What is on now and next
command-speakers = Speakers
command-my = My agenda and its calendar file

zone-line = 🕒 Time zone: { $zone }
page-of = Page { $page } of { $pages }
page-prev = ‹ Back
page-next = More ›

kind-talk = 🎤
kind-visit = 🏭
kind-transfer = 🚌
kind-meal = 🍽
kind-b2b = 🤝
kind-meeting = 👥

day-header = 📅 <b>Day { $number } of { $count } · { $date }</b>
day-prev = ◀ Day { $number }
day-next = Day { $number } ▶
day-before-mission = The mission has not started yet. Here is its first day.
day-after-mission = The mission is over. Here is its last day.

item-when = 📅 { $date }, { $start }–{ $end }
item-place = 📍 { $venue }, { $address }
item-speakers = 👤 { $names }
item-slots = 🤝 { $count ->
    [one] { $count } meeting slot
   *[other] { $count } meeting slots
} of { $minutes } min
item-save = ⭐ Save to my agenda
item-saved = ✅ In my agenda: remove
item-calendar = 📆 Add to calendar
item-map = 📍 Map
item-back = ◀ Day { $number }
item-gone = This item is no longer in the programme. Open /today again.
item-saved-toast = Saved to your agenda. I will remind you 15 minutes before it starts.
item-saved-past-toast = Saved to your agenda.
item-removed-toast = Removed from your agenda.
item-calendar-caption = { $title }: open the file to add it to your calendar.

now-clock = 🕒 It is { $time }, { $date } ({ $zone }).
now-current = <b>Now</b>
now-nothing = Nothing is on right now.
now-next = <b>Next</b>, { $when }:
now-before = The mission starts on { $date }.
now-after = The programme is over. Thank you for taking part!
now-open = { $emoji } { $start } { $title }

in-minutes = { $minutes ->
    [0] now
    [one] in { $minutes } minute
   *[other] in { $minutes } minutes
}
in-hours = in { $hours } h { $minutes } min
in-days = { $days ->
    [one] in { $days } day { $hours } h
   *[other] in { $days } days { $hours } h
}

speakers-header = 🎤 <b>Speakers</b>
speakers-empty = No speakers are listed in this programme.
speaker-items = 🗓 <b>Speaks at</b>
speaker-more-items = …and { $count } more
speaker-gone = This speaker is no longer in the programme. Open /speakers again.

my-header = ⭐ <b>My agenda</b>
my-empty = Your agenda is empty. Open /today, pick an item and press “⭐ Save to my agenda”.
my-calendar = 📆 Whole agenda to calendar (.ics)
my-calendar-caption = Your agenda: open the file to add it to your calendar.
my-calendar-name = My agenda: { $mission }

reminder-text = ⏰ { $title }: <b>{ $when }</b>
reminder-table = 📍 { $table }
reminder-when = 🕒 { $start }–{ $end }, { $date } ({ $zone })
reminder-open = Open

notice-header = 🔔 <b>The programme has changed</b>
notice-yours = In your agenda:
notice-others = Other changes:
notice-moved-time = { $title }: now { $date }, { $start }–{ $end } (was { $oldDate }, { $oldStart }–{ $oldEnd })
notice-moved-place = { $title }: now at { $venue } (was { $oldVenue })
notice-removed = { $title } ({ $date }, { $start }): cancelled
notice-added = New: { $title }, { $date }, { $start }–{ $end }
notice-more = …and { $count } more changes
notice-footer = Open /my for your agenda or /today for the programme.
no-venue = no venue

admin-upload-too-big = The file is too big ({ $size } KB); a programme file is at most { $max } KB.
admin-upload-failed = I could not download the file from Telegram. Please send it again.
admin-upload-not-text = The file is not UTF-8 text. Save it as UTF-8 YAML and send it again.
admin-invalid = ❌ <b>The programme file has { $count ->
    [one] { $count } problem
   *[other] { $count } problems
}</b>; nothing has been changed. Fix { $count ->
    [one] it
   *[other] them
} and send the file again.
admin-invalid-more = …and { $count } more
# One problem of a rejected programme file: where it is (the field's path), what is wrong, on which line.
admin-problem = { $where }: { $problem }
admin-problem-at = { $where }: { $problem } (line { $line })
admin-problem-file = (the file)
admin-problem-missing = missing: this field is required
admin-problem-empty = empty: it needs a value
admin-problem-unknown-field = unknown field
admin-problem-wrong-type = expected { $expected ->
    [object] a set of fields
    [array] a list
    [string] a text
    [number] a number
    [int] a whole number
    [number-or-array] a number or a list
    [int-or-array] a whole number or a list
    [string-or-object] a text or a set of fields ru/en
    [boolean] true or false
   *[other] { $expected }
}, found { $received ->
    [object] a set of fields
    [array] a list
    [string] a text
    [number] { $expected ->
        [int] a fraction
        [int-or-array] a fraction
       *[other] a number
    }
    [boolean] true or false
   *[other] { $received }
}
admin-problem-not-one-of = “{ $value }” is not allowed here; expected one of: { $options }
admin-problem-too-short = too short: { $length } characters, at least { $min }
admin-problem-too-long = too long: { $length } characters, at most { $max }
admin-problem-too-few = needs at least { $min ->
    [one] { $min } entry
   *[other] { $min } entries
}
admin-problem-too-many = at most { $max ->
    [one] { $max } entry
   *[other] { $max } entries
}
admin-problem-too-small = must be at least { $min }
admin-problem-too-big = must be at most { $max }
admin-problem-format = { $format ->
    [time] expected HH:mm
    [date] expected YYYY-MM-DD
    [id] expected a short id: lowercase letters, digits and -
    [photo] expected a relative path to a .jpg, .png or .webp file inside the content folder
    [word] one word: letters and digits, no spaces or hyphens (texts are matched word by word)
   *[url] expected a web address such as https://example.org
}
admin-problem-invalid = not a valid value here
admin-problem-timezone = expected an IANA time zone such as Asia/Krasnoyarsk or Europe/Moscow
admin-problem-needs-ru-or-en = needs ru or en
admin-problem-end-before-start = end must be after start (items end on the day they start)
admin-problem-duplicate-id = { $what ->
    [tag] tag
    [venue] venue
    [speaker] speaker
    [stop] stop
   *[item] item
} id "{ $id }" is used twice
admin-problem-dates-reversed = start_date must not be after end_date
admin-problem-tables-not-b2b = tables belong to items of kind b2b only
admin-problem-outside-dates = { $date } is outside the mission dates { $start }…{ $end }
admin-problem-days-order = days must be in date order, one entry per date
admin-problem-stops-not-visit = only an item of kind visit may list stops
admin-problem-follow-up-days-order = follow-up days must be in increasing order, each once
admin-problem-unknown-venue = unknown venue "{ $id }" (not in venues)
admin-problem-unknown-speaker = unknown speaker "{ $id }" (not in speakers)
admin-problem-yaml = { $code ->
    [BAD_INDENT] wrong indentation: items of one level start in one column, and a bracket opened must be closed
    [TAB_AS_INDENT] a tab used for indentation; indent with spaces
    [DUPLICATE_KEY] the same field twice in one place
    [MISSING_CHAR] a closing quote or bracket is missing
    [BAD_DQ_ESCAPE] a backslash in double quotes starts an unknown escape; use single quotes or \\
    [BAD_ALIAS] an alias (*name) without an anchor (&name) before it
    [MULTILINE_IMPLICIT_KEY] a field name must be on one line and end with a colon
    [BLOCK_AS_IMPLICIT_KEY] a field name must be on one line and end with a colon
    [UNEXPECTED_TOKEN] a character that makes no sense here
   *[other] this is not valid YAML ({ $code })
}
admin-problem-yaml-aliases = more than { $max } aliases (*name)
admin-summary = 📝 <b>New programme: { $name }</b>
    { $days } days, { $items } items, { $speakers } speakers, { $venues } venues.
admin-summary-changes = <b>Changes for participants</b>
admin-summary-none = No item is added, removed or moved in time or place.
admin-summary-identical = This file is exactly the programme that is already published.
admin-summary-added = ➕ Added: { $count }
admin-summary-removed = ➖ Removed: { $count }
admin-summary-moved = 🔁 Moved: { $count }
admin-summary-holders = Participants who saved a changed item will be told.
admin-publish = ✅ Publish
admin-publish-all = 📣 Publish and notify everyone
admin-cancel = ✖ Cancel
admin-published = ✅ Published. { $count ->
    [0] Nobody needed a notice.
    [one] A notice goes to { $count } participant.
   *[other] Notices go to { $count } participants.
}
admin-cancelled = Cancelled: the programme stays as it was.
admin-draft-gone = This draft is no longer waiting (published, cancelled or expired). Send the file again.
admin-only = Only organisers can do this.
admin-file-caption = The current programme (version { $version }). Edit it and send it back to me to publish changes.

deleted-agenda = your personal agenda (the programme items you saved) and its reminders

command-programme_file = Download the current programme file (YAML)
