//! Helpers shared by the page checks (API consistency of one page).
