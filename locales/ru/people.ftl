command-people = Участники и рекомендации
menu-people = 👥 Участники

people-register-first = Каталог участников открыт для зарегистрированных участников миссии. Сначала зарегистрируйтесь — это займёт около минуты.
people-title = 👥 <b>Участники</b> · { $filters }
people-found = Найдено: { $total } · страница { $page } из { $pages }
people-empty = Под эти фильтры никто не подходит. Попробуйте другую отрасль или регион.
people-entry-head = { $number }. <b>{ $name }</b> — { $position }, { $company }
people-entry-host = 🏭 принимающая компания
people-entry =
    { $number }. <b>{ $name }</b> — { $position }, { $company }{ $host }
    📍 { $region } · 🏷 { $tags }
    💼 { $offer }
    🔎 { $lookingFor }
people-role-all = Все
people-role-host = Принимающие
people-role-delegate = Делегаты
people-region-other = другой регион
people-suggested-button = ⭐ Рекомендуем вам
people-chosen = • { $label }
people-any-tag-short = любая
people-any-region-short = любой
people-filter-tag = 🏷 Отрасль: { $value }
people-filter-region = 📍 Регион: { $value }
people-open = { $number }. { $name }
people-prev = ◀️ Назад
people-next = Дальше ▶️
people-reset = ✖️ Сбросить фильтры
people-any-tag = Любая отрасль
people-any-region = Любой регион
people-back = ← К списку
people-pick-tag = Какая отрасль?
people-pick-region = Какой город или регион?
people-offer = 💼 <b>Предлагает:</b> { $value }
people-lookingFor = 🔎 <b>Ищет:</b> { $value }
people-reason = 💡 { $reason }
people-reason-tags = общие отрасли: { $tags }
people-reason-they-offer = предлагает то, что вы ищете: { $words }
people-reason-you-offer = ищет то, что вы предлагаете: { $words }
people-suggested-title = ⭐ <b>Рекомендуем вам</b>
people-suggested-intro = Участники, которые предлагают то, что вы ищете, и работают в тех же отраслях.
people-suggested-empty = Пока некого порекомендовать. Чем точнее заполнены отрасли и «Ищу» в профиле, тем лучше рекомендации: /profile
people-suggested-need-profile = Для рекомендаций нужен ваш профиль: сначала зарегистрируйтесь.
people-all-button = 👥 Все участники
people-card-gone = Этого участника больше нет в каталоге.
people-request-meeting = 🤝 Запросить встречу
