command-agreements = Состоявшиеся встречи и договорённости
deleted-outcomes = ваши ответы о том, чем закончились встречи, и ваши заметки (ответы другой стороны остаются у неё)

outcome-ask = 🤝 Встреча с { $name }{ $company } состоялась?
    🕒 { $slot }
outcome-met-yes = ✅ Да, встретились
outcome-met-no = ✖️ Нет, не состоялась
outcome-met-later = 🕒 Встретимся позже
outcome-said-no = Записал: встреча с { $name } не состоялась. Изменить ответ можно в любой момент в /agreements.
outcome-said-later = Записал: вы встретитесь с { $name } позже. Спрошу снова { $when }.
outcome-said-later-last = Записал: вы встретитесь с { $name } позже. Расскажите, как прошло, в /agreements.

outcome-toast-same = Это уже ваш ответ.
outcome-toast-stale = Эта кнопка устарела: ответ с тех пор изменился. Смотрите /agreements.
outcome-toast-not-yours = Это не ваша встреча.
outcome-toast-not-yet = Встреча ещё не началась: ответить можно, когда она начнётся.
outcome-toast-not-met = Сначала отметьте, что встреча состоялась.
outcome-toast-no-agreement = По этой встрече договорённость не отмечена.

outcome-flow-result = 📝 Чем закончилась встреча с { $name }?
outcome-result-supply = 🤝 Договорённость: поставки
outcome-result-joint-project = 🤝 Договорённость: совместный проект
outcome-result-investment = 🤝 Договорённость: инвестиции
outcome-result-partnership = 🤝 Договорённость: партнёрство / дистрибуция
outcome-result-other = 🤝 Договорённость: другое
outcome-result-follow-up = 📅 Запланирована следующая встреча
outcome-result-none = — Без результата
outcome-flow-note = ✍️ Добавьте короткую заметку о том, о чём договорились, до 500 символов. Её увидят только вы, { $name } и организаторы миссии. Или нажмите «Пропустить».
outcome-flow-skip = Пропустить
outcome-flow-need-text = ⚠️ Пожалуйста, напишите заметку текстом или нажмите «Пропустить».
outcome-flow-use-buttons = Пожалуйста, воспользуйтесь кнопками ниже.
outcome-flow-by-when = 📅 К какому сроку договорённость должна быть выполнена? Выберите месяц или «Без срока».
outcome-flow-no-date = Без срока
outcome-flow-saved = Спасибо, записал: { $answer }
outcome-flow-follow-ups = Спрошу, как идут дела с договорённостью, через { $days } { $last ->
    [one] день
    [few] дня
   *[many] дней
}.
outcome-flow-change = Изменить ответ можно в любой момент в /agreements.
outcome-flow-left = Вы вышли из вопросов о встрече; уже данные ответы сохранены. Изменить их можно в /agreements.

outcome-follow-up = 📋 Договорённость с { $name } ({ $type }, { $date }): как идут дела?
outcome-progress-done = ✅ Выполнена
outcome-progress-in-progress = ⏳ В работе
outcome-progress-not-done = ✖️ Не выполнена
outcome-reason-question = ✖️ Записал: не выполнена. Что помешало?
outcome-reason-partner-silent = Партнёр пропал
outcome-reason-terms = Не подошли условия или цена
outcome-reason-funding = Нет финансирования
outcome-reason-priorities = Изменились приоритеты
outcome-reason-other = Другая причина
outcome-said-progress = Записал: { $state }. Спасибо! Изменить ответ можно в любой момент в /agreements.

outcome-type-supply = поставки
outcome-type-joint-project = совместный проект
outcome-type-investment = инвестиции
outcome-type-partnership = партнёрство / дистрибуция
outcome-type-other = другая договорённость

outcome-state-unanswered = ответа пока нет
outcome-state-met-yes = ✅ встретились
outcome-state-met-no = ✖️ не состоялась
outcome-state-met-later = 🕒 встретятся позже
outcome-state-agreement = 🤝 договорённость: { $type }
outcome-state-follow-up = 📅 запланирована следующая встреча
outcome-state-none = без результата
outcome-state-by-when = срок: { $month }
outcome-progress-state-done = ✅ выполнена
outcome-progress-state-in-progress = ⏳ в работе
outcome-progress-state-not-done = ✖️ не выполнена
outcome-progress-with-reason = { $state } ({ $reason })

outcome-card-title = 🤝 <b>Встреча — { $name }</b>{ $company }
outcome-card-when = 🕒 { $slot }
outcome-card-mine = <b>Ваш ответ:</b> { $answer }
outcome-card-theirs = <b>{ $name }:</b> { $answer }
outcome-card-note = 📝 { $note }
outcome-card-progress = Выполнена? { $state } — { $date }
outcome-card-private = 🔒 Заметки видят только вы двое и организаторы миссии.
outcome-card-edit = ✏️ Чем закончилась
outcome-open-button = 📝 Встреча состоялась? Чем закончилась

agreements-title = 📋 <b>Встречи и договорённости</b>
agreements-summary = Состоялось: { $held } · договорённостей: { $agreements } · ждут вашего ответа: { $waiting }
agreements-empty = Пока рассказывать не о чем: согласованная встреча появится здесь, когда подойдёт её время. Ваши запросы и встречи: /meetings
agreements-line = { $number }. { $name }{ $company } — { $date } · { $state }
agreements-page = Страница { $page } из { $pages }

stats-outcomes-title = 🎯 <b>После встреч</b>
stats-funnel-requests = Запросов: { $count }
stats-funnel-accepted = → согласовано: { $count } ({ $percent } запросов)
stats-funnel-held = → состоялось: { $count } ({ $percent } согласованных), по словам хотя бы одной стороны · ответили { $answered } из { $asked } спрошенных ({ $rate })
stats-funnel-agreements = → договорённостей: { $count } ({ $percent } состоявшихся)
stats-funnel-progress = → выполнено: { $done } ({ $donePercent }) · в работе: { $inProgress } · не выполнено: { $notDone } — из { $answered } договорённостей с ответом, спрошено { $asked } ({ $rate } ответили)
stats-percent-none = —
stats-chart-caption = 🎯 После встреч: воронка и состоявшиеся встречи по дням
stats-chart-title = После встреч
stats-chart-funnel = Воронка
stats-chart-per-day = Состоявшиеся встречи по дням
stats-chart-requests = Запросы
stats-chart-accepted = Согласовано
stats-chart-held = Состоялось
stats-chart-agreements = Договорённости
stats-chart-carried-out = Выполнено

export-sheet-outcomes = Итоги встреч
export-caption-csv-outcomes = Итоги встреч в CSV (UTF-8)
export-ocol-id = Запрос
export-ocol-start = Встреча ({ $zone })
export-ocol-from = От кого
export-ocol-from-company = От кого: компания
export-ocol-from-met = От кого: встретились?
export-ocol-from-result = От кого: итог
export-ocol-from-by-when = От кого: срок
export-ocol-from-note = От кого: заметка
export-ocol-from-progress = От кого: выполнена? ({ $zone })
export-ocol-to = Кому
export-ocol-to-company = Кому: компания
export-ocol-to-met = Кому: встретились?
export-ocol-to-result = Кому: итог
export-ocol-to-by-when = Кому: срок
export-ocol-to-note = Кому: заметка
export-ocol-to-progress = Кому: выполнена? ({ $zone })
export-met-yes = да
export-met-no = нет
export-met-later = позже
export-result-follow-up = следующая встреча
export-result-none = без результата
export-follow-up-days = через { $days } дн.
export-follow-up-unprompted = обновление
