menu-today = 📅 Сегодня
menu-now = ⏱ Сейчас
menu-speakers = 🎤 Спикеры
menu-my = ⭐ Моя программа

command-today = Программа на сегодня
command-now = Что идёт сейчас и что дальше
command-speakers = Спикеры
command-my = Моя программа и файл для календаря

zone-line = 🕒 Часовой пояс: { $zone }
page-of = Страница { $page } из { $pages }
page-prev = ‹ Назад
page-next = Дальше ›

kind-talk = 🎤
kind-visit = 🏭
kind-transfer = 🚌
kind-meal = 🍽
kind-b2b = 🤝
kind-meeting = 👥

day-header = 📅 <b>День { $number } из { $count } · { $date }</b>
day-prev = ◀ День { $number }
day-next = День { $number } ▶
day-before-mission = Миссия ещё не началась. Вот её первый день.
day-after-mission = Миссия завершилась. Вот её последний день.

item-when = 📅 { $date }, { $start }–{ $end }
item-place = 📍 { $venue }, { $address }
item-speakers = 👤 { $names }
item-slots = 🤝 { $count ->
    [one] { $count } слот
    [few] { $count } слота
   *[many] { $count } слотов
} для встреч по { $minutes } мин
item-save = ⭐ В мою программу
item-saved = ✅ В моей программе: убрать
item-calendar = 📆 В календарь
item-map = 📍 На карте
item-back = ◀ День { $number }
item-gone = Этого пункта больше нет в программе. Откройте /today заново.
item-saved-toast = Добавлено в вашу программу. Напомню за 15 минут до начала.
item-saved-past-toast = Добавлено в вашу программу.
item-removed-toast = Убрано из вашей программы.
item-calendar-caption = { $title }: откройте файл, чтобы добавить событие в календарь.

now-clock = 🕒 Сейчас { $time }, { $date } ({ $zone }).
now-current = <b>Сейчас идёт</b>
now-nothing = Сейчас ничего не идёт.
now-next = <b>Дальше</b> — { $when }:
now-before = Миссия ещё не началась: первый день — { $date }.
now-after = Программа завершена. Спасибо за участие!
now-open = { $emoji } { $start } { $title }

in-minutes = { $minutes ->
    [0] прямо сейчас
    [one] через { $minutes } минуту
    [few] через { $minutes } минуты
   *[many] через { $minutes } минут
}
in-hours = через { $hours } ч { $minutes } мин
in-days = через { $days } дн. { $hours } ч

speakers-header = 🎤 <b>Спикеры</b>
speakers-empty = В этой программе спикеры не указаны.
speaker-items = 🗓 <b>Выступает</b>
speaker-more-items = …и ещё { $count }
speaker-gone = Этого спикера больше нет в программе. Откройте /speakers заново.

my-header = ⭐ <b>Моя программа</b>
my-empty = В вашей программе пока пусто. Откройте /today, выберите пункт и нажмите «⭐ В мою программу».
my-calendar = 📆 Всю программу в календарь (.ics)
my-calendar-caption = Ваша программа: откройте файл, чтобы добавить её в календарь.
my-calendar-name = Моя программа: { $mission }

reminder-text = ⏰ { $title }: <b>{ $when }</b>
reminder-table = 📍 { $table }
reminder-when = 🕒 { $start }–{ $end }, { $date } ({ $zone })
reminder-open = Открыть

notice-header = 🔔 <b>Программа изменилась</b>
notice-yours = В вашей программе:
notice-others = Другие изменения:
notice-moved-time = { $title }: теперь { $date }, { $start }–{ $end } (было: { $oldDate }, { $oldStart }–{ $oldEnd })
notice-moved-place = { $title }: новое место — { $venue } (было: { $oldVenue })
notice-removed = { $title } ({ $date }, { $start }) отменяется
notice-added = Новое: { $title }, { $date }, { $start }–{ $end }
notice-more = …и ещё изменений: { $count }
notice-footer = Ваша программа — /my, общая программа — /today.
no-venue = место не указано

admin-upload-too-big = Файл слишком большой ({ $size } КБ); файл программы — не больше { $max } КБ.
admin-upload-failed = Не удалось скачать файл из Telegram. Отправьте его ещё раз.
admin-upload-not-text = Файл не в кодировке UTF-8. Сохраните YAML в UTF-8 и отправьте ещё раз.
admin-invalid = ❌ <b>В файле программы { $count ->
    [one] { $count } ошибка
    [few] { $count } ошибки
   *[many] { $count } ошибок
}</b>, ничего не изменено. Исправьте и отправьте файл ещё раз.
admin-invalid-more = …и ещё { $count }
# Одна ошибка в файле программы: где (путь к полю), что не так, в какой строке.
admin-problem = { $where }: { $problem }
admin-problem-at = { $where }: { $problem } (строка { $line })
admin-problem-file = (весь файл)
admin-problem-missing = не заполнено: это обязательное поле
admin-problem-empty = пусто: нужно значение
admin-problem-unknown-field = неизвестное поле
admin-problem-wrong-type = ожидается { $expected ->
    [object] набор полей
    [array] список
    [string] текст
    [number] число
    [int] целое число
    [number-or-array] число или список
    [int-or-array] целое число или список
    [string-or-object] текст или набор полей ru/en
    [boolean] true или false
   *[other] { $expected }
}, а указано: { $received ->
    [object] набор полей
    [array] список
    [string] текст
    [number] { $expected ->
        [int] дробное число
        [int-or-array] дробное число
       *[other] число
    }
    [boolean] true или false
   *[other] { $received }
}
admin-problem-not-one-of = «{ $value }» здесь недопустимо; можно одно из: { $options }
admin-problem-too-short = слишком коротко: { $length } симв., нужно не меньше { $min }
admin-problem-too-long = слишком длинно: { $length } симв., можно не больше { $max }
admin-problem-too-few = нужна хотя бы { $min ->
    [one] { $min } запись
    [few] { $min } записи
   *[other] { $min } записей
}
admin-problem-too-many = можно не больше { $max ->
    [one] { $max } записи
   *[other] { $max } записей
}
admin-problem-too-small = должно быть не меньше { $min }
admin-problem-too-big = должно быть не больше { $max }
admin-problem-format = { $format ->
    [time] ожидается время в виде ЧЧ:ММ
    [date] ожидается дата в виде ГГГГ-ММ-ДД
    [id] ожидается короткий id: строчные латинские буквы, цифры и -
    [photo] ожидается относительный путь к файлу .jpg, .png или .webp в папке с программой
    [word] одно слово: буквы и цифры, без пробелов и дефисов (тексты сравниваются по словам)
   *[url] ожидается веб-адрес вида https://example.org
}
admin-problem-invalid = недопустимое значение
admin-problem-timezone = ожидается часовой пояс IANA, например Asia/Krasnoyarsk или Europe/Moscow
admin-problem-needs-ru-or-en = нужен текст хотя бы на одном языке: ru или en
admin-problem-end-before-start = конец должен быть позже начала (пункт заканчивается в тот же день)
admin-problem-duplicate-id = id { $what ->
    [tag] интереса
    [venue] площадки
    [speaker] спикера
    [stop] остановки
   *[item] пункта
} «{ $id }» встречается дважды
admin-problem-dates-reversed = start_date не может быть позже end_date
admin-problem-tables-not-b2b = столы (tables) бывают только у пунктов вида b2b
admin-problem-outside-dates = { $date } — вне дат миссии { $start }…{ $end }
admin-problem-days-order = дни должны идти по порядку дат, по одному разу на дату
admin-problem-stops-not-visit = остановки (stops) бывают только у пункта вида visit
admin-problem-follow-up-days-order = дни напоминаний о договорённостях должны идти по возрастанию, каждый по одному разу
admin-problem-unknown-venue = неизвестная площадка «{ $id }» (её нет в venues)
admin-problem-unknown-speaker = неизвестный спикер «{ $id }» (его нет в speakers)
admin-problem-yaml = { $code ->
    [BAD_INDENT] неверный отступ: элементы одного уровня начинаются в одном столбце, а открытая скобка должна закрываться
    [TAB_AS_INDENT] отступ табуляцией; делайте отступы пробелами
    [DUPLICATE_KEY] одно и то же поле указано дважды
    [MISSING_CHAR] не хватает закрывающей кавычки или скобки
    [BAD_DQ_ESCAPE] обратная косая черта в двойных кавычках начинает неизвестную последовательность; используйте одинарные кавычки или \\
    [BAD_ALIAS] ссылка (*имя) без метки (&имя) перед ней
    [MULTILINE_IMPLICIT_KEY] имя поля должно быть на одной строке и заканчиваться двоеточием
    [BLOCK_AS_IMPLICIT_KEY] имя поля должно быть на одной строке и заканчиваться двоеточием
    [UNEXPECTED_TOKEN] символ, которого здесь быть не может
   *[other] это не корректный YAML ({ $code })
}
admin-problem-yaml-aliases = больше { $max } ссылок (*имя)
admin-summary = 📝 <b>Новая программа: { $name }</b>
    Дней: { $days }, пунктов: { $items }, спикеров: { $speakers }, площадок: { $venues }.
admin-summary-changes = <b>Что изменится для участников</b>
admin-summary-none = Ни один пункт не добавлен, не удалён и не перенесён по времени или месту.
admin-summary-identical = Этот файл совпадает с уже опубликованной программой.
admin-summary-added = ➕ Добавлено: { $count }
admin-summary-removed = ➖ Удалено: { $count }
admin-summary-moved = 🔁 Перенесено: { $count }
admin-summary-holders = Участники, сохранившие изменённые пункты, получат уведомление.
admin-publish = ✅ Опубликовать
admin-publish-all = 📣 Опубликовать и уведомить всех
admin-cancel = ✖ Отмена
admin-published = ✅ Опубликовано. { $count ->
    [0] Уведомлять никого не нужно.
    [one] Уведомление получит { $count } участник.
    [few] Уведомление получат { $count } участника.
   *[many] Уведомление получат { $count } участников.
}
admin-cancelled = Отменено: программа осталась прежней.
admin-draft-gone = Этот черновик больше не ждёт публикации (опубликован, отменён или устарел). Отправьте файл ещё раз.
admin-only = Это могут делать только организаторы.
admin-file-caption = Текущая программа (версия { $version }). Исправьте файл и пришлите мне, чтобы опубликовать изменения.

deleted-agenda = ваша личная программа (сохранённые пункты) и напоминания о ней

command-programme_file = Скачать текущий файл программы (YAML)
