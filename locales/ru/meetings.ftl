command-meetings = Мои запросы и встречи
menu-meetings = 🤝 Встречи
deleted-meetings = ваши запросы на встречи и встречи: открытые закрыты (другой стороне сообщено); в записях бота о них больше нет ни вас, ни ваших сообщений
deleted-meetings-retracted = текст ваших запросов, ещё ждавших ответа, — из чатов тех, кому они отправлены
others-keep-meeting-names = сообщения о ваших запросах и встречах, где названо ваше имя
others-keep-meeting-requests = ваши запросы, которые они получили: ваша карточка и сообщение
others-keep-meeting-contacts = ваши контакты, переданные им при согласовании встречи

meeting-any-time = в любое время (договоримся)
meeting-slot = { $date }, { $start }–{ $end } ({ $zone })
meeting-moment = { $date }, { $time } ({ $zone })
meeting-agenda-title = Встреча — { $name }
meeting-someone-left = участник, покинувший бота
meeting-when = 🕒 <b>Когда:</b> { $slot }
meeting-proposed-time = 🕒 <b>Предложено другое время:</b> { $slot }
meeting-their-message = 💬 <b>Сообщение:</b>
meeting-your-message = 💬 <b>Ваше сообщение:</b>
meeting-reason = Причина: { $reason }

meeting-contacts-title = 📇 <b>Контакты</b>
meeting-contacts-telegram = 💬 Telegram: { $link }{ $username }
meeting-contacts-telegram-only = Телефон и e-mail не указаны: напишите в Telegram.

meeting-accept = ✅ Принять
meeting-decline = ✖️ Отклонить
meeting-propose = 🕒 Предложить другое время
meeting-accept-proposal = ✅ Подходит
meeting-decline-proposal = ✖️ Не подходит
meeting-withdraw = ↩️ Отозвать запрос
meeting-cancel = 🚫 Отменить встречу
meeting-withdraw-yes = Да, отозвать
meeting-cancel-yes = Да, отменить
meeting-back = ← Назад
meeting-decline-busy = Занят в это время
meeting-decline-not-relevant = Не мой профиль
meeting-decline-no-time = Нет времени на миссии
meeting-decline-none = Без причины
meeting-decline-other = Другая причина

meeting-new-title = 🤝 <b>Новый запрос на встречу</b>
meeting-waiting = 📬 { $count ->
    [one] Пока вас не было, пришёл { $count } запрос на встречу:
    [few] Пока вас не было, пришло { $count } запроса на встречу:
   *[many] Пока вас не было, пришло { $count } запросов на встречу:
}
meeting-retracted = ↩️ Этот запрос на встречу отозван.

meeting-told-accepted = ✅ Ваш запрос на встречу принят. С вами встретится { $name }.
    🕒 { $slot }
meeting-told-declined = К сожалению, { $name } не сможет встретиться: запрос отклонён.
meeting-told-declined-next = Спасибо за интерес — в разделе 👥 Участники есть и другие, с кем стоит встретиться.
meeting-told-proposed = 🕒 { $name } предлагает другое время встречи: <b>{ $slot }</b>
meeting-told-proposal-accepted = ✅ Предложенное вами время подошло, встреча согласована: { $name }.
    🕒 { $slot }
meeting-told-proposal-declined = Предложенное вами время не подошло ({ $name }), запрос закрыт.
meeting-told-withdrawn = ↩️ { $name } отзывает свой запрос на встречу.
meeting-told-cancelled = 🚫 { $name } отменяет встречу. Это время снова свободно.
    🕒 { $slot }
meeting-told-left-meeting = 🚫 Встреча с { $who } отменена: участник покинул бота и удалил свои данные.
    🕒 { $slot }
meeting-told-left-request = ↩️ Запрос на встречу с { $who } закрыт: участник покинул бота и удалил свои данные.
    🕒 { $slot }
meeting-left-who = компанией «<b>{ $company }</b>»
meeting-left-who-unknown = участником

meeting-digest-title = ⏰ <b>{ $count ->
    [one] { $count } запрос на встречу ждёт вашего ответа
    [few] { $count } запроса на встречу ждут вашего ответа
   *[many] { $count } запросов на встречу ждут вашего ответа
}</b>
    Уже больше 12 часов. Пожалуйста, примите, отклоните или предложите другое время — вас ждут.
meeting-digest-line = { $number }. { $name }{ $company } — { $slot }
meeting-digest-more = …и ещё { $count } в /meetings

meeting-state-accepted = встреча согласована
meeting-state-declined = отклонён
meeting-state-cancelled = отменён
meeting-state-your-move = ждёт вашего ответа
meeting-state-their-move = ждёт ответа другой стороны
meeting-card-title = 🤝 <b>Запрос на встречу</b> · { $state }
meeting-card-to = Кому: { $name }
meeting-card-from = От: { $name }

meetings-title = 🤝 <b>Мои встречи</b>
meetings-empty = Запросов на встречи пока нет. Найдите, с кем встретиться, в разделе 👥 Участники (/people).
meetings-summary = Согласовано: { $accepted } · ждут ответа: { $pending }
meetings-group-accepted = 📅 <b>Согласованные встречи</b>
meetings-group-pending = ⏳ <b>Ждут ответа</b>
meetings-group-declined = ✖️ <b>Отклонённые</b>
meetings-group-cancelled = 🚫 <b>Отменённые</b>
meetings-line = { $number }. { $direction } { $name }{ $company } — { $slot }{ $note }
meetings-page = Страница { $page } из { $pages }
meetings-button-any-time = в любое время
meetings-button-someone-left = Участник, покинувший бота

meeting-flow-slot = 🕒 Выберите время встречи ({ $name }).
    Это время свободно у вас обоих ({ $zone }):
meeting-any-time-button = 🤝 В любое время — договоримся
meeting-flow-abort = ✖️ Отмена
meeting-flow-message = ✍️ Напишите короткое сообщение для собеседника ({ $name }): кто вы и что хотели бы обсудить. До 500 символов.
meeting-flow-confirm-title = 📨 <b>Проверьте запрос</b>
meeting-flow-confirm-question = Отправить?
meeting-flow-send = 📨 Отправить
meeting-flow-edit = ✏️ Изменить сообщение
meeting-flow-time = 🕒 Изменить время
meeting-flow-left = Запрос на встречу не отправлен.
meeting-flow-use-buttons = Пожалуйста, воспользуйтесь кнопками ниже.
meeting-flow-need-text = ⚠️ Пожалуйста, напишите сообщение текстом.
meeting-flow-sent = 📨 Запрос отправлен. Получатель: { $name }. Я сообщу, как только придёт ответ. Все ваши запросы: /meetings
meeting-flow-sent-later = 📨 Запрос сохранён. Получатель ({ $name }) ещё не открывал бота: запрос придёт, как только он это сделает, а я сообщу вам ответ.
meeting-flow-aborted = Запрос на встречу не отправлен.

meeting-refused-not-registered = Чтобы запрашивать встречи, сначала зарегистрируйтесь — это займёт около минуты.
meeting-refused-unknown = Этого участника больше нет в каталоге.
meeting-refused-self = Это ваша собственная карточка 🙂
meeting-refused-too-many-pending = Без ответа можно держать не больше { $limit ->
    [one] { $limit } запроса
   *[other] { $limit } запросов
}, и этот предел достигнут. Дождитесь ответов или отзовите один из запросов в /meetings.
meeting-refused-pair-open = У вас с этим участником уже есть открытый запрос или согласованная встреча: см. /meetings.
meeting-refused-declined-recently = Этот участник недавно отклонил ваш запрос. Снова запросить встречу можно после { $until }.
meeting-refused-slot-taken = Это время только что заняли. Пожалуйста, выберите другое.
meeting-refused-slot-past = Это время уже прошло. Пожалуйста, выберите другое.
meeting-refused-not-yours = Это не ваш запрос.
meeting-refused-already-answered = На этот запрос уже ответили.
meeting-refused-not-allowed-now = Сейчас это сделать нельзя.
meeting-refused-bad-message = Сообщение не подходит: нужен текст до 500 символов.

meeting-toast-not-yours = Этот запрос адресован не вам.
meeting-toast-already-answered = На этот запрос уже ответили.
meeting-toast-not-allowed-now = Вы предложили другое время — дождитесь ответа.
meeting-toast-slot-taken = Это время уже занято другой встречей одного из вас. Предложите другое время или отклоните запрос.
meeting-toast-slot-past = Это время уже прошло. Предложите другое время или отклоните запрос.
meeting-toast-no-slots = В программе нет другого времени, свободного у вас обоих.
meeting-toast-sent = 📨 Ваш запрос уже отправлен ({ $name }): он в /meetings.

meeting-done-accepted = ✅ Встреча согласована: { $name }. Ваши контакты тоже отправлены собеседнику.
    🕒 { $slot }
meeting-done-declined = Запрос отклонён ({ $name }). Мы вежливо сообщим об этом.
meeting-done-proposed = Вы предложили время { $slot } ({ $name }). Я сообщу ответ.
meeting-done-proposal-declined = Вы отказались от предложенного времени. Запрос закрыт.
meeting-done-withdrawn = Ваш запрос отозван ({ $name }).
meeting-done-cancelled = Встреча отменена ({ $name }), собеседнику сообщено. Это время снова свободно.

# Столы B2B: где проходит согласованная встреча («Стол 7, КРИТБИ»)
meeting-table = Стол { $number }
meeting-table-desk = Стол — у стойки организаторов
meeting-table-place = { $table }, { $venue }
meeting-table-line = 📍 <b>Где:</b> { $place }
