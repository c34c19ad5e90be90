command-register = Register as a participant
register-button = 📝 Register
register-continue = ▶️ Continue registration
register-complete = ✏️ Complete my profile

start-register-offer = Register to arrange business meetings and appear in the participant directory — it takes about a minute. The mission programme is open without registering.
start-register-continue = You started registering and your answers are saved. Shall we go on?
start-complete-profile = Your role needs a couple more answers in your profile. Shall we add them?

reg-consent =
    <b>Consent to personal data processing</b>

    { $text }

    Full text: <a href="{ $url }">personal data policy</a>.

    Without your consent I store nothing, and the mission programme stays open to you.
reg-consent-agree = ✅ I agree
reg-consent-decline = ✖️ Decline
reg-consent-use-buttons = To go on, answer with a button under the consent text.
reg-declined = All right: without consent I store nothing. The mission programme is open without registering — use the menu.

reg-step = <i>Step { $number } of { $total }</i>
reg-q-fullName = What is your name? Send your first and last name, as other participants will see it.
reg-q-company = Which company or organisation do you represent?
reg-q-position = What is your position?
reg-q-region = Which city or region are you from?
reg-q-companyDescription = Describe your company in a few words: what it does or makes. Participants see this in the directory. Up to 300 characters.
reg-q-tags = Choose your industries and interests — as many as you like. Then press “Done”.
reg-q-offer = What do you offer the mission's participants? For example products, a technology or services. Up to 300 characters.
reg-q-lookingFor = What or whom are you looking for? For example suppliers, customers or partners for a joint project. Up to 300 characters.
reg-q-phone = Share your phone number with the button below. Only people you agree to meet will see it. You may skip this.
reg-q-email = Your e-mail? Again, only people you agree to meet will see it. You may skip this.
reg-q-phone-edit = Share your phone number with the button below, or remove it from your profile.
reg-q-email-edit = Send your new e-mail, or remove it from your profile.
reg-current = Now: { $value }

reg-problem-empty = ⚠️ The answer is empty — please type it.
reg-problem-too-short = ⚠️ Too short: at least { $min } { $min ->
        [one] character
       *[other] characters
    }, please.
reg-problem-too-long = ⚠️ Too long: { $length } characters, and the limit is { $max }. Please shorten it.
reg-problem-no-letters = ⚠️ This needs letters — digits and signs alone will not do.
reg-problem-emoji = ⚠️ Please write it without emoji — text only.
reg-problem-email = ⚠️ That does not look like an e-mail address. It should look like name@example.com.
reg-problem-phone = ⚠️ I could not read that phone number.
reg-problem-no-tags = Choose at least one industry.
reg-need-text = ⚠️ I need a text answer here: I cannot read stickers, photos or files.

reg-tag-on = ✅ { $name }
reg-tags-done = Done ➡️
reg-tags-chosen = Chosen: { $value }
reg-tags-use-buttons = Tick your industries with the buttons under the message, then press “Done”.

reg-phone-share = 📱 Share my number
reg-phone-not-own = ⚠️ That is somebody else's contact. Press “📱 Share my number” to send your own, or “Skip”.
reg-phone-use-button = To send your number, press “📱 Share my number” below, or “Skip”.
reg-skip = ⏭ Skip
reg-remove = 🗑 Remove

reg-check = Almost done! Please check your details:
reg-summary-question = Is everything right?
reg-summary-use-buttons = Confirm your details or edit a field with the buttons under the card.
reg-confirm = ✅ All correct
reg-edit = ✏️ Edit a field…
reg-back = ← Back

reg-paused = ⏸ Registration paused; your answers are saved. Send /register to continue.
reg-resume = Welcome back! Let us continue where you left off.
reg-done = 🎉 Done, you are registered! See and change your profile with /profile.
reg-broken = I could not read your saved answers. Please start again: /register.
reg-already = You are registered already. Your profile: /profile.
reg-complete-intro = Your new role needs a little more in your profile.
reg-complete-done = Thank you, your profile is complete.

field-fullName = Name
field-company = Company
field-position = Position
field-region = City / region
field-companyDescription = About the company
field-tags = Industries
field-offer = I offer
field-lookingFor = I am looking for
field-phone = Phone
field-email = E-mail

card-not-given = not given
card-work = { $position }, { $company }
card-region = 📍 { $value }
card-role = 🎫 Role: { $role }
card-companyDescription = 🏢 <b>About the company:</b> { $value }
card-tags = 🏷 <b>Industries:</b> { $value }
card-offer = 💼 <b>I offer:</b> { $value }
card-lookingFor = 🔎 <b>I am looking for:</b> { $value }
card-phone = 📱 { $value }
card-email = ✉️ { $value }
card-visible = 👁 You are listed in the participant directory
card-hidden = 🙈 You are hidden from the participant directory

role-delegate = delegate
role-host = host
role-speaker = speaker
role-organiser = organiser
