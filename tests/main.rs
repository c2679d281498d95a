//! The one integration-test binary: drives the real `kam` through the builder in `support`.

mod cases;
mod support;
