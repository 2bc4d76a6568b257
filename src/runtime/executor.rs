//! Where a step's processes run when not on the host ([`super::process`] runs those): Docker
//! containers ([`docker`]), and the record of every container a build created, so that each is
//! removed however the build ends ([`cleanup`]).

pub mod cleanup;
pub mod docker;
pub mod kubernetes;
