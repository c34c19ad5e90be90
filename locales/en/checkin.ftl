# Check-in by QR code (features/checkin): /qr for organisers, and what a participant sees after a scan.
command-qr = QR codes for check-in at the day's items and stops
checkin-day-title = Day: { $date }
checkin-stop-title = { $stop } ({ $item })
checkin-when-day = 📅 { $date }
checkin-when = 📅 { $date }, { $start }–{ $end } ({ $zone })
checkin-venue = 📍 { $venue }, { $address }
checkin-qr-link = 🔗 { $link }
checkin-qr-list =
    🔳 <b>Check-in codes · { $date }</b>
    Choose one to get its QR code as a PNG to print, or all of the day's codes at once. Times: { $zone }.
checkin-qr-button-day = 📅 The whole day
checkin-qr-button-item = { $start } { $title }
checkin-qr-button-stop = ↳ { $name }
checkin-qr-button-zip = 🗜 All codes of the day (ZIP)
checkin-qr-gone = This is no longer in the programme. Send /qr again.
checkin-qr-zip-caption =
    🗜 { $count } QR codes of the day, in the order of the day:
    { $list }
checkin-done = ✅ You are checked in: <b>{ $place }</b>
checkin-again = ☑️ You already checked in here at { $time }, { $date } ({ $zone }): <b>{ $place }</b>
checkin-day-hint = Your day has been noted. The day's programme: /today
checkin-residents = <b>Resident companies here:</b>
checkin-resident = • { $name }
checkin-resident-host = • { $name } — in the bot, you can ask for a meeting
checkin-request-meeting = 🤝 Request a meeting: { $name }, { $company }
checkin-forged = ⚠️ This check-in code is not valid: it may have been cut short or made up. Scan the code printed at the stop again, or ask an organiser.
checkin-stale = ⚠️ This check-in code is for something that is no longer in the programme. Ask an organiser for the current code.
checkin-register-first = 📝 To check in at <b>{ $place }</b>, register first (a couple of minutes). You will be checked in as soon as you finish.
deleted-checkins = your check-ins at the programme's items and stops
stats-attendance-title = 🔳 <b>Check-ins by QR code</b>
stats-attendance-day = 📅 { $date } { $title }: { $count }
stats-attendance-item = { $start } { $title }: { $count }
stats-attendance-stop = ↳ { $title }: { $count }
stats-attendance-more = …and { $count } more in /export
export-sheet-attendance = Attendance
export-acol-kind = What
export-acol-date = Date
export-acol-time = Time ({ $zone })
export-acol-what = Title
export-acol-item = Item of the stop
export-acol-count = Checked in
export-acol-names = Who (name, company)
export-attendance-kind-day = day
export-attendance-kind-item = item
export-attendance-kind-stop = stop
stats-attendance-chart-title = Check-ins by QR code
stats-attendance-chart-day = Day { $date }
stats-attendance-chart-caption = 🔳 Check-ins by QR code per day, item and stop
