start-greeting =
    Здравствуйте, { $name }! 👋
    Я <b>Бот бизнес-миссии</b>: программа миссии, спикеры и участники, ваши запросы на встречи — всё в одном чате.
    Пользуйтесь меню внизу или командой /help.
help-intro = <b>Что я умею</b>
menu-help = ❓ Помощь
menu-language = 🌐 Язык
menu-updated = Меню обновлено.

command-start = Начало и главное меню
command-help = Что умеет бот
command-language = Сменить язык (Русский / English)
command-cancel = Выйти из текущего шага

language-choose = Выберите язык:
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
language-set = Готово: теперь я говорю по-русски.

cancel-done = Отменено. Вы в главном меню.
cancel-nothing = Отменять нечего. Вы в главном меню.

unknown-command = Я не знаю такой команды. Отправьте /help, чтобы увидеть список.
unknown-text = Я не понял сообщение. Пользуйтесь кнопками меню или отправьте /help.
unsupported-message = Здесь я понимаю только текст и нажатия кнопок. Откройте меню или отправьте /help.
button-expired = Эта кнопка устарела. Откройте меню заново.

error-generic = Извините, у нас что-то пошло не так. Попробуйте ещё раз.
error-unavailable = Бот временно недоступен. Попробуйте через минуту.
