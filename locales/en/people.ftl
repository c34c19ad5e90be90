command-people = Participants and suggestions
menu-people = 👥 People

people-register-first = The participant directory is open to registered participants. Register first — it takes about a minute.
people-title = 👥 <b>Participants</b> · { $filters }
people-found = Found: { $total } · page { $page } of { $pages }
people-empty = Nobody matches these filters. Try another industry or region.
people-entry-head = { $number }. <b>{ $name }</b> — { $position }, { $company }
people-entry-host = 🏭 host company
people-entry =
    { $number }. <b>{ $name }</b> — { $position }, { $company }{ $host }
    📍 { $region } · 🏷 { $tags }
    💼 { $offer }
    🔎 { $lookingFor }
people-role-all = Everyone
people-role-host = Hosts
people-role-delegate = Delegates
people-region-other = another region
people-suggested-button = ⭐ Suggested for you
people-chosen = • { $label }
people-any-tag-short = any
people-any-region-short = any
people-filter-tag = 🏷 Industry: { $value }
people-filter-region = 📍 Region: { $value }
people-open = { $number }. { $name }
people-prev = ◀️ Back
people-next = More ▶️
people-reset = ✖️ Reset filters
people-any-tag = Any industry
people-any-region = Any region
people-back = ← Back to the list
people-pick-tag = Which industry?
people-pick-region = Which city or region?
people-offer = 💼 <b>Offers:</b> { $value }
people-lookingFor = 🔎 <b>Looking for:</b> { $value }
people-reason = 💡 { $reason }
people-reason-tags = both: { $tags }
people-reason-they-offer = offers what you look for: { $words }
people-reason-you-offer = looks for what you offer: { $words }
people-suggested-title = ⭐ <b>Suggested for you</b>
people-suggested-intro = People whose offers meet what you are looking for, and who share your industries.
people-suggested-empty = No suggestions yet. They get better the more precisely your industries and “I am looking for” are filled in: /profile
people-suggested-need-profile = Suggestions need your profile: register first.
people-all-button = 👥 All participants
people-card-gone = This participant is no longer in the directory.
people-request-meeting = 🤝 Request a meeting
