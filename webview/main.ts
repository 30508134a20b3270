// Comparison panel UI (built by the panel issue).
export {};
