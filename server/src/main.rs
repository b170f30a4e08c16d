//! `server` — serve the app (default); `server backup --to FILE` / `server restore --from FILE`
//! for the SQLite database; `server seed-demo --facilities N [--seed S]` to fill an empty
//! database with demo data for benchmarks (`--busy-facility ID --busy-ratings N` gives one
//! facility N more ratings, for the ratings benchmark).

use std::process::ExitCode;

use server::config::Config;
use server::startup;
use tracing_subscriber::EnvFilter;

const USAGE: &str = "usage: server [serve]\n       server backup --to FILE\n       server restore --from FILE\n       server create-admin --username NAME --name DISPLAY_NAME   (password on standard input)\n       server seed-demo [--facilities N] [--seed S] [--busy-facility ID --busy-ratings N]\n       server bench-setup --parents N --capacity C --out FILE\n       server bench-check --acked FILE\nconfiguration: see README.md (TUOYU_*, DATABASE_URL)";

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("tuoyu: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    init_logging(&config);
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("serve") => serve(config).await,
        Some("seed-demo") => seed_demo(config, &args[1..]).await,
        Some("backup") => backup(config, &args[1..]).await,
        Some("restore") => restore(config, &args[1..]).await,
        Some("create-admin") => create_admin(config, &args[1..]).await,
        Some("bench-setup") => bench_setup(config, &args[1..]).await,
        Some("bench-check") => bench_check(config, &args[1..]).await,
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("tuoyu: unknown command {other:?}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn init_logging(config: &Config) {
    let filter = EnvFilter::try_new(&config.log_filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    if config.log_json {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn serve(config: Config) -> ExitCode {
    let state = match startup::prepare(&config).await {
        Ok(state) => state,
        Err(error) => {
            tracing::error!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(config.addr).await {
        Ok(listener) => listener,
        Err(source) => {
            tracing::error!("{}", startup::StartupError::Listen { addr: config.addr, source });
            return ExitCode::FAILURE;
        }
    };
    tracing::info!(
        "serving http://{} (database: {})",
        config.addr,
        startup::redact_url(&config.database_url)
    );
    match startup::serve(listener, state, startup::security_settings(&config), startup::shutdown_signal()).await {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!(%error, "server failed");
            ExitCode::FAILURE
        }
    }
}

async fn seed_demo(config: Config, args: &[String]) -> ExitCode {
    let mut facilities = config.demo_facilities;
    let mut seed = config.demo_seed;
    let (mut busy_facility, mut busy_ratings) = (None, 0);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().and_then(|v| v.parse::<u64>().ok());
        match (flag.as_str(), value) {
            ("--facilities", Some(n)) => facilities = n as usize,
            ("--seed", Some(s)) => seed = s,
            ("--busy-facility", Some(id)) => busy_facility = Some(id as i64),
            ("--busy-ratings", Some(n)) => busy_ratings = n as usize,
            _ => {
                eprintln!("tuoyu: bad argument {flag:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    match startup::seed_demo(&config, seed, facilities, busy_facility.map(|id| (id, busy_ratings))).await {
        Ok(0) => {
            println!("the database already has facilities; nothing loaded");
            ExitCode::SUCCESS
        }
        Ok(n) => {
            println!("loaded {n} demo facilities (seed {seed})");
            ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// Benchmark set-up (see `server::bench`).
async fn bench_setup(config: Config, args: &[String]) -> ExitCode {
    let run = async {
        let flags = server::bench::flags(args)?;
        let number = |name: &str| flags.get(name).and_then(|v| v.parse::<i64>().ok()).filter(|n| *n >= 0);
        let (Some(parents), Some(capacity), Some(out)) = (number("parents"), number("capacity"), flags.get("out")) else {
            return Err(server::bench::BenchError::Usage(USAGE.into()));
        };
        server::bench::setup(&config, parents as usize, capacity, out).await
    };
    match run.await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tuoyu: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Benchmark check: prints what the database holds after a burst (see `server::bench`).
async fn bench_check(config: Config, args: &[String]) -> ExitCode {
    let run = async {
        let flags = server::bench::flags(args)?;
        let Some(acked) = flags.get("acked") else {
            return Err(server::bench::BenchError::Usage(USAGE.into()));
        };
        server::bench::check(&config, acked).await
    };
    match run.await {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("tuoyu: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The value of `--name VALUE` when it is the only flag given.
fn one_flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    match args {
        [flag, value] if flag == name => Some(value.as_str()),
        _ => None,
    }
}

/// `server backup --to FILE`: a consistent copy of the SQLite database, taken while it serves.
async fn backup(config: Config, args: &[String]) -> ExitCode {
    let Some(to) = one_flag(args, "--to") else {
        eprintln!("tuoyu: backup needs --to FILE\n{USAGE}");
        return ExitCode::from(2);
    };
    match server::backup::backup(&config, std::path::Path::new(to)).await {
        Ok(bytes) => {
            println!("backup written to {to} ({bytes} bytes), integrity ok");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("tuoyu: backup failed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `server restore --from FILE`: replaces the SQLite database with a checked copy.
async fn restore(config: Config, args: &[String]) -> ExitCode {
    let Some(from) = one_flag(args, "--from") else {
        eprintln!("tuoyu: restore needs --from FILE\n{USAGE}");
        return ExitCode::from(2);
    };
    match server::backup::restore(&config, std::path::Path::new(from)).await {
        Ok(target) => {
            println!("restored {from} into {} (integrity ok); start the server", target.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("tuoyu: restore failed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `server create-admin --username NAME --name DISPLAY_NAME`: the first administrator of a new
/// deployment (further staff are created on the administrator page). The password is read from
/// standard input, never from the command line (it would show in the process list).
async fn create_admin(config: Config, args: &[String]) -> ExitCode {
    let (Some(username), Some(name)) = (flag(args, "--username"), flag(args, "--name")) else {
        eprintln!("tuoyu: create-admin needs --username NAME --name DISPLAY_NAME\n{USAGE}");
        return ExitCode::from(2);
    };
    let mut password = String::new();
    if std::io::stdin().read_line(&mut password).is_err() {
        eprintln!("tuoyu: cannot read the password from standard input");
        return ExitCode::from(2);
    }
    match server::startup::create_admin(&config, username, name, password.trim_end_matches(['\r', '\n'])).await {
        Ok(id) => {
            println!("administrator {username} created (account {id}); the second factor is enrolled at first sign-in");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("tuoyu: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The value after `name` among `args`.
fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}
