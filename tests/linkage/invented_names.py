"""Names for the invented persons of linkage tests that check the machinery, not the model's
quality (the real list, and the synthetic registry over its names, test that)."""

from alzhir.linkage.synthetic import NamePool

POOL = NamePool(
    surnames=["Плисецкая", "Тухачевская", "Андерсон", "Калинина", "Зимина", "Орлова"],
    given_names=["Рахиль", "Нина", "Мария", "Анна", "Екатерина"],
    patronymics=["Михайловна", "Ивановна", "Петровна"],
    places=["г. Москва", "г. Ленинград", "г. Баку", "г. Тифлис"],
)
