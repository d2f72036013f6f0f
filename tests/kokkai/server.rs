//! A tiny HTTP/1.1 server on 127.0.0.1 for the client tests: one connection at a time, each
//! request answered by the test's handler and then closed. It records every request line with
//! its arrival time, so tests can check the pages asked for and the pause between requests.
//! Nothing here can reach the real API: the client is pointed at this server's address.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How to answer one request.
pub enum Reply {
    /// A whole answer.
    Answer { status: u16, body: Vec<u8> },
    /// A whole answer after a delay (a slow server).
    Slow { delay: Duration, body: Vec<u8> },
    /// Headers promising more body than is sent, then the connection closed.
    CutInBody { body: Vec<u8> },
    /// The connection closed before any answer.
    CutBeforeAnswer,
    /// "Come back later": a status (429, 503) with a `Retry-After` of so many seconds, if any.
    RetryAfter { status: u16, seconds: Option<u64> },
}

impl Reply {
    pub fn json(value: &serde_json::Value) -> Reply {
        Reply::Answer { status: 200, body: value.to_string().into_bytes() }
    }

    pub fn status(status: u16, body: &str) -> Reply {
        Reply::Answer { status, body: body.as_bytes().to_vec() }
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Request {
    pub at: Instant,
    /// `/api/meeting_list?any=…`
    pub target: String,
    pub user_agent: String,
}

impl Request {
    pub fn endpoint(&self) -> &str {
        self.target.split('?').next().unwrap_or("").rsplit('/').next().unwrap_or("")
    }

    /// A query parameter, percent-decoded.
    pub fn param(&self, name: &str) -> Option<String> {
        let query = self.target.split_once('?')?.1;
        query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key == name).then(|| decode(value))
        })
    }
}

pub struct Server {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// Starts a server whose handler answers each request target.
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                answer(stream, &handler, &seen);
            }
        });
        Server { addr, requests }
    }

    /// The base URL the client should use.
    pub fn base_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("requests").clone()
    }
}

fn answer(mut stream: TcpStream, handler: &impl Fn(&Request) -> Reply, seen: &Mutex<Vec<Request>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let target = head.lines().next().and_then(|line| line.split(' ').nth(1)).unwrap_or("").to_owned();
    let user_agent = head
        .lines()
        .find_map(|line| line.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("user-agent")))
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default();
    let request = Request { at: Instant::now(), target, user_agent };
    seen.lock().expect("requests").push(request.clone());
    let write_with = |stream: &mut TcpStream, status: u16, extra: &str, body: &[u8], length: usize| {
        let head = format!(
            "HTTP/1.1 {status} Status\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {length}\r\n{extra}Connection: close\r\n\r\n"
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
        let _ = stream.flush();
    };
    let write =
        |stream: &mut TcpStream, status: u16, body: &[u8], length: usize| write_with(stream, status, "", body, length);
    match handler(&request) {
        Reply::Answer { status, body } => write(&mut stream, status, &body, body.len()),
        Reply::Slow { delay, body } => {
            std::thread::sleep(delay);
            write(&mut stream, 200, &body, body.len());
        }
        Reply::CutInBody { body } => {
            let half = &body[..body.len() / 2];
            write(&mut stream, 200, half, body.len());
        }
        Reply::CutBeforeAnswer => {}
        Reply::RetryAfter { status, seconds } => {
            let extra = seconds.map(|s| format!("Retry-After: {s}\r\n")).unwrap_or_default();
            let body = b"<html>busy</html>";
            write_with(&mut stream, status, &extra, body, body.len());
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
}

/// Percent-decoding (UTF-8), for checking the parameters the client sent.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(value) = u8::from_str_radix(hex, 16)
        {
            out.push(value);
            i += 3;
            continue;
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
