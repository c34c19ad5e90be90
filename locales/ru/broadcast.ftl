command-broadcast = Объявление участникам
command-broadcasts = Прошлые объявления и их доставка

broadcast-only-organisers = Эта команда — для организаторов миссии.
broadcast-button-only-organisers = Эта кнопка — только для организаторов.

broadcast-audience-ask =
    📣 <b>Новое объявление</b>
    Кому отправить?
broadcast-audience-all = 👥 Всем
broadcast-audience-delegate = 🧳 Делегатам
broadcast-audience-host = 🏢 Принимающей стороне
broadcast-audience-speaker = 🎤 Спикерам
broadcast-audience-organiser = 🛠 Организаторам
broadcast-audience-tags = 🏷 По интересам…
broadcast-audience-tag = 🏷 { $tag }
broadcast-tag-ask = Участникам с каким интересом?
broadcast-audience-empty = Кому: <b>{ $audience }</b>. Среди них пока нет никого, кому бот может написать. Выберите других получателей.
broadcast-back = ‹ Назад
broadcast-abort = ✖️ Отмена
broadcast-use-buttons = Выберите вариант кнопками выше или отправьте /cancel.

broadcast-group-ask =
    Кому: <b>{ $audience }</b>.
    Опубликовать объявление и в группе миссии?
broadcast-group-yes = 💬 Да, и в группу
broadcast-group-no = Только участникам

broadcast-message-ask =
    Кому: <b>{ $audience }</b>{ $group ->
        [yes] , а также в группу миссии
       *[no] {""}
    }.
    Теперь пришлите само объявление: текст, фото или документ с подписью. Жирный шрифт, курсив и ссылки сохранятся.
broadcast-message-unsupported = Разослать можно текст, фото или документ. Пришлите что-то из этого или отправьте /cancel.
broadcast-message-empty = Сообщение пустое. Пришлите текст объявления.
broadcast-text-too-long = В тексте { $length } симв., а Telegram допускает не больше { $max }. Сократите его и пришлите снова.
broadcast-caption-too-long = В подписи { $length } симв., а под фото или документом Telegram допускает не больше { $max }. Сократите её и пришлите снова.
broadcast-kind-mismatch = Первая версия — { $kind ->
        [text] текст
        [photo] фото
       *[document] документ
    }, поэтому и эту пришлите { $kind ->
        [text] текстом
        [photo] фотографией или только подпись — текстом
       *[document] документом или только подпись — текстом
    }.

broadcast-language-ask = На каком языке эта версия?
broadcast-second-ask = Пришлите { $language ->
        [ru] русскую
       *[en] английскую
    } версию{ $media ->
        [yes] {" "}(только подпись текстом или новый файл с подписью)
       *[no] {""}
    } или нажмите «Пропустить» — тогда все получат { $first ->
        [ru] русскую
       *[en] английскую
    }.
broadcast-skip = Пропустить ›

broadcast-summary-intro = ☝️ Выше — ровно то, что увидят получатели.
broadcast-summary-people = Получателей: { $people }.
broadcast-summary-version = { $language ->
        [ru] 🇷🇺 Русскую
       *[en] 🇬🇧 Английскую
    } версию получат: { $count }
broadcast-summary-unreachable = 🚫 Из них бот не может написать { $count } (заблокировали бота — { $blocked } · ни разу его не открывали — { $notStarted } · удалили аккаунт — { $deactivated }): им не отправляем, но учитываем в отчёте.
broadcast-summary-group = 💬 В группу миссии уйдёт { $language ->
        [ru] русская
       *[en] английская
    } версия.
broadcast-summary-ask = Отправляем?
broadcast-send = ✅ Отправить
broadcast-aborted = Отменено. Ничего не отправлено.
broadcast-started = Рассылка началась.

# Каждый, кому было объявление, учтён один раз: части строки хода рассылки и /broadcasts.
broadcast-count-sent = ✅ доставлено { $count }
broadcast-count-received = ✅ получили { $sent } из { $total } ({ $rate }%)
broadcast-count-blocked = 🚫 заблокировали бота { $count }
broadcast-count-not-started = 👻 не открывали бота { $count }
broadcast-count-deactivated = 🗑 удалили аккаунт { $count }
broadcast-count-unexplained = ❔ недоступны, причина не записана { $count }
broadcast-count-failed = ⚠️ ошибки { $count }
broadcast-count-cancelled = ✖️ не отправлено { $count }
broadcast-count-left = ⏳ осталось { $count }
broadcast-progress =
    📣 <b>Объявление №{ $id }</b>: идёт рассылка…
    { $counts }
broadcast-progress-stopping =
    📣 <b>Объявление №{ $id }</b>: останавливаем рассылку…
    { $counts }
broadcast-stop = ⏹ Остановить рассылку
broadcast-final-done =
    📣 <b>Объявление №{ $id }</b>: разослано.
    { $counts }
broadcast-final-cancelled =
    📣 <b>Объявление №{ $id }</b>: рассылка остановлена.
    { $counts }
broadcast-report-done = ✅ Объявление №{ $id } разослано: получили { $sent } из { $total } ({ $rate }%).
broadcast-report-cancelled = ⏹ Рассылка объявления №{ $id } остановлена: получили { $sent } из { $total } ({ $rate }%), не отправлено { $cancelled }.
broadcast-report-blocked = 🚫 Заблокировали бота: { $count }.
broadcast-report-not-started = 👻 Ни разу не открывали бота: { $count }.
broadcast-report-deactivated = 🗑 Удалили аккаунт: { $count }.
broadcast-report-unexplained = ❔ Недоступны, причина не записана: { $count }.
broadcast-report-failed = ⚠️ Не удалось отправить и после повторных попыток: { $count }.

deleted-broadcast-receipts = отметки о том, какие объявления вам доставлены

broadcast-stop-done = Останавливаем: больше никто его не получит.
broadcast-stop-finished = Это объявление уже разослано.
broadcast-stop-already = Эта рассылка уже остановлена.

broadcast-history-empty = Объявлений пока не было. Отправить первое — /broadcast.
broadcast-history-title = 📣 <b>Объявления</b>, сначала новые:
broadcast-history-item =
    <b>№{ $id }</b> · { $date } · { $audience } · { $status ->
        [sending] ⏳ идёт рассылка
        [cancelled] ⏹ остановлено
       *[done] ✅ разослано
    }
    «{ $summary }»
    { $counts }
broadcast-history-group = 💬 группа
broadcast-summary-media = [{ $kind ->
        [photo] фото
       *[document] документ
    }]
