# The evening before a B2B day, to those with no meeting in it (features/nudges).
nudge-text = 📅 Tomorrow's B2B session starts at <b>{ $start }</b> ({ $zone }); you have no meetings in it yet.
    { $title } — { $date }
nudge-suggested = ⭐ Suggested for you — request a meeting while slots are free:
nudge-no-suggestions = Look through the participants and request a meeting while slots are free.
nudge-request = 🤝 { $number }. Request a meeting: { $name }
nudge-off = 🔕 Don't remind me
nudge-on = 🔔 Remind me again
nudge-off-done = Done: I will not remind you about B2B sessions any more.
nudge-on-done = Done: the evening before each B2B session I will remind you if you have no meetings in it.
