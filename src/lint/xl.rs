//! Helpers shared by the cross-locale rules (`xl-*`, translation status).
