// Every builder of test data, one module per domain in factories/: accounts go
// through the real registration path, other rows are inserted directly.
export * from "./factories/accounts";
export * from "./factories/applications";
export * from "./factories/candidates";
export * from "./factories/employers";
export * from "./factories/files";
export * from "./factories/offers";
export * from "./factories/organisations";
export * from "./factories/partnerships";
export * from "./factories/placements";
export * from "./factories/sessions";
export * from "./factories/staff";
