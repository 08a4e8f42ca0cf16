/** A street named with its city part, so equal street names in two parts stay apart: "Poštovní (Butovice)". */
export function areaLabel(street: string, part: string): string {
  return `${street} (${part})`;
}

/** Case- and diacritics-insensitive search, so "postovni" finds "Poštovní". */
export function matchesArea(label: string, query: string): boolean {
  const q = fold(query.trim());
  return q === '' || fold(label).includes(q);
}

function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('cs');
}
