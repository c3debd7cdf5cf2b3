import { DEPLOYMENT_NAME_ENV, HEALTH_PATH, HTTP_SOCKET_ENV, METRICS_PATH } from '../../components/backend-app/env';
import { stringLiteral } from '../../../lib/formats/rust';

/**
 * The part of every backend crate that the platform relies on: the instance serves `/health`
 * (the Consul check that gates rolling updates) and `/metrics` on the socket its Nomad job gives
 * it. The variable names come from the job's env contract (synth/components/backend-app/env.ts).
 * A plain tokio listener keeps the crate's dependencies to what it already uses.
 */
export const RUNTIME_RS = `/// The address this instance serves HTTP on: ${HTTP_SOCKET_ENV}, set by its Nomad job.
pub fn epl_http_socket() -> String {
    std::env::var(${stringLiteral(HTTP_SOCKET_ENV)}).unwrap_or_else(|_| "127.0.0.1:7347".to_string())
}

/// The deployment this instance belongs to: ${DEPLOYMENT_NAME_ENV}, set by its Nomad job.
pub fn epl_deployment_name() -> String {
    std::env::var(${stringLiteral(DEPLOYMENT_NAME_ENV)}).unwrap_or_default()
}

/// Answers ${HEALTH_PATH} (200 while the process runs) and ${METRICS_PATH} (Prometheus text) until the
/// process ends.
pub async fn epl_serve_platform_http(listener: tokio::net::TcpListener) {
    loop {
        let mut stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors and the like: wait instead of spinning.
                eprintln!("http accept error: {e}");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                continue;
            }
        };
        tokio::spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let mut buf = [0u8; 2048];
            let n = match stream.read(&mut buf).await {
                Ok(n) => n,
                Err(_) => return,
            };
            let request = String::from_utf8_lossy(&buf[..n]);
            let path = request.split_whitespace().nth(1).unwrap_or("");
            let (status, body) = match path {
                ${stringLiteral(HEALTH_PATH)} => ("200 OK", "OK\\n"),
                ${stringLiteral(METRICS_PATH)} => ("200 OK", "# HELP epl_app_up 1 while the application runs.\\n# TYPE epl_app_up gauge\\nepl_app_up 1\\n"),
                _ => ("404 Not Found", "not found\\n"),
            };
            let response = format!(
                "HTTP/1.1 {status}\\r\\nContent-Type: text/plain; version=0.0.4\\r\\nContent-Length: {}\\r\\nConnection: close\\r\\n\\r\\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        });
    }
}`;

/** main.rs: the platform's HTTP server beside the application's own code, for the life of the process. */
export const MAIN_RS_BODY = `mod generated;
mod implementation;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(generated::epl_http_socket()).await?;
    let http = tokio::spawn(generated::epl_serve_platform_http(listener));
    implementation::run().await?;
    // The application's own work is done or runs in tasks it spawned; keep serving until stopped.
    http.await?;
    Ok(())
}
`;
