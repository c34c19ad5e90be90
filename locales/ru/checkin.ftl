# Отметка по QR-коду (features/checkin): /qr для организаторов и то, что видит участник после сканирования.
command-qr = QR-коды для отметки на пунктах и остановках дня
checkin-day-title = День: { $date }
checkin-stop-title = { $stop } ({ $item })
checkin-when-day = 📅 { $date }
checkin-when = 📅 { $date }, { $start }–{ $end } ({ $zone })
checkin-venue = 📍 { $venue }, { $address }
checkin-qr-link = 🔗 { $link }
checkin-qr-list =
    🔳 <b>Коды для отметки · { $date }</b>
    Выберите пункт, чтобы получить его QR-код в PNG для печати, или все коды дня сразу. Время: { $zone }.
checkin-qr-button-day = 📅 Весь день
checkin-qr-button-item = { $start } { $title }
checkin-qr-button-stop = ↳ { $name }
checkin-qr-button-zip = 🗜 Все коды дня (ZIP)
checkin-qr-gone = Этого больше нет в программе. Отправьте /qr ещё раз.
checkin-qr-zip-caption =
    🗜 QR-кодов дня: { $count }, по порядку дня:
    { $list }
checkin-done = ✅ Вы отмечены: <b>{ $place }</b>
checkin-again = ☑️ Вы уже отметились здесь в { $time }, { $date } ({ $zone }): <b>{ $place }</b>
checkin-day-hint = Ваше участие в этом дне отмечено. Программа дня: /today
checkin-residents = <b>Компании-резиденты здесь:</b>
checkin-resident = • { $name }
checkin-resident-host = • { $name } — есть в боте, можно запросить встречу
checkin-request-meeting = 🤝 Запросить встречу: { $name }, { $company }
checkin-forged = ⚠️ Этот код для отметки недействителен: возможно, он обрезан или придуман. Отсканируйте код на остановке ещё раз или обратитесь к организатору.
checkin-stale = ⚠️ Этот код для отметки относится к тому, чего уже нет в программе. Попросите у организатора актуальный код.
checkin-register-first = 📝 Чтобы отметиться: <b>{ $place }</b>, сначала зарегистрируйтесь (пара минут). Отметка будет сделана, как только вы закончите.
deleted-checkins = ваши отметки на пунктах программы и остановках
stats-attendance-title = 🔳 <b>Отметки по QR-коду</b>
stats-attendance-day = 📅 { $date } { $title }: { $count }
stats-attendance-item = { $start } { $title }: { $count }
stats-attendance-stop = ↳ { $title }: { $count }
stats-attendance-more = …и ещё { $count } в /export
export-sheet-attendance = Посещаемость
export-acol-kind = Что
export-acol-date = Дата
export-acol-time = Время ({ $zone })
export-acol-what = Название
export-acol-item = Пункт остановки
export-acol-count = Отметились
export-acol-names = Кто (имя, компания)
export-attendance-kind-day = день
export-attendance-kind-item = пункт
export-attendance-kind-stop = остановка
stats-attendance-chart-title = Отметки по QR-коду
stats-attendance-chart-day = День { $date }
stats-attendance-chart-caption = 🔳 Отметки по QR-коду по дням, пунктам и остановкам
