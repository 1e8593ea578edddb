/** An area's messages in one language: exactly the keys of its English catalog. */
export type AreaCatalog<English> = { readonly [K in keyof English]: string };
