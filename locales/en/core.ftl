start-greeting =
    Hello, { $name }! 👋
    I am the <b>Mission Bot</b>: the programme of the business mission, its speakers and participants, and your meeting requests, all in one chat.
    Use the menu below or /help to see what I can do.
help-intro = <b>What I can do</b>
menu-help = ❓ Help
menu-language = 🌐 Language
menu-updated = Menu updated.

command-start = Start and main menu
command-help = What the bot can do
command-language = Switch language (Русский / English)
command-cancel = Leave the current step

language-choose = Choose your language:
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
language-set = Done: I will speak English.

cancel-done = Cancelled. You are back at the main menu.
cancel-nothing = There is nothing to cancel. You are at the main menu.

unknown-command = I do not know that command. Send /help to see the ones I know.
unknown-text = I did not understand that. Use the menu buttons or send /help.
unsupported-message = I can only read text and button presses here. Use the menu or send /help.
button-expired = This button is out of date. Open the menu again.

flow-again-unknown = ⚠️ I do not know the command { $command }. Answer the question, or send /cancel to leave.
flow-again-no-skip = ⚠️ This question cannot be skipped. Answer it, or send /cancel to leave.
flow-again-start = 👋 Let us go on where we stopped — or send /cancel to leave.

error-generic = Sorry, something went wrong on our side. Please try again.
error-unavailable = The bot is temporarily unavailable. Please try again in a minute.
