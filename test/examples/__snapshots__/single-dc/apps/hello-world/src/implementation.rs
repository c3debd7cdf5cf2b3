//! The application's own code. epl created this file once and never overwrites it.
#[allow(unused_imports)]
use crate::generated::*;

pub async fn run() -> Result<(), Box<dyn std::error::Error>> {
    // Each Postgres shard's connection string comes from its deployment's Nomad job.
    let url = epl_pg_default_url()?;
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            eprintln!("postgres connection error: {e}");
        }
    });
    let _ = &client; // call the generated pg_default_* functions with it

    Ok(())
}
