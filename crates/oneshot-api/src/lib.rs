//! Typed async client for the One-Shot Signature API.
