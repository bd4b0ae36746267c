//! The marginalia binary: parse arguments, run the reader or a subcommand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use marginalia::cli::{Cli, Command};
use marginalia::essay::visible;
use marginalia::keymap::{self, Keymap};
use marginalia::session::{self, Origin};
use marginalia::settings::theme::Theme;
use marginalia::state::{AppState, SetUp};
use marginalia::{app, guide, settings};

/// A message for people: one line, with nothing a terminal would obey.
fn clean(message: &str) -> String {
    message
        .chars()
        .map(|c| if c == '\n' { ' ' } else { visible(c) })
        .collect()
}

/// Why marginalia cannot draw here, if it cannot: it reads keys from standard input and
/// draws on standard output, so both must be a terminal.
fn no_terminal() -> Option<&'static str> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        Some("standard output is not a terminal")
    } else if !std::io::stdin().is_terminal() {
        Some("standard input is not a terminal")
    } else {
        None
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let base = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let done = match &cli.command {
        Some(Command::Export {
            files,
            format,
            output,
            annotations,
            from,
        }) => session::run_export_from(
            files,
            *format,
            output.as_deref(),
            annotations.as_deref(),
            &base,
            *from,
        )
        .map(|()| 0)
        .map_err(|e| e.to_string()),
        Some(Command::Keys { defaults, markdown }) => keys(*defaults, *markdown),
        Some(Command::Text { files, format }) => text(files, *format),
        None => read(&cli, &base),
    };
    match done {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(message) => {
            eprintln!("marginalia: {}", clean(&message));
            ExitCode::from(1)
        }
    }
}

/// Opens the reader on the files given (the guide with none). Returns the exit code, or
/// the message of what could not be read.
fn read(cli: &Cli, base: &Path) -> Result<i32, String> {
    // A key file with a fault stops the start, before anything else is read or drawn.
    let keymap = match keymap() {
        Ok(map) => map,
        Err(e) => {
            eprintln!("marginalia: {}", clean(&e.to_string()));
            return Ok(2);
        }
    };
    let origins: Vec<Origin> = if cli.files.is_empty() {
        vec![Origin::Builtin(guide::NAME, guide::TEXT)]
    } else {
        cli.files
            .iter()
            .map(|path| Origin::file(path.clone(), cli.format))
            .collect()
    };
    if let Some(why) = no_terminal() {
        // A file that cannot be read is still named, and nothing is created either way.
        session::prepare_read_only(&origins, cli.annotations.as_deref(), base)
            .map_err(|e| e.to_string())?;
        eprintln!("marginalia: needs a terminal ({why}); to export, use `marginalia export`");
        return Ok(2);
    }
    // What can fail is read first, before the terminal is touched. Of one long file only the
    // head is read and checked: a first look at it is drawn, then the rest is read and split
    // (keys wait), and a fault found there gives the terminal back before it is told.
    // Of a long annotations file only the structure is looked over here; the annotations
    // of the essays on the first screen are parsed before it is drawn, the rest after.
    let mut prepared = session::prepare_first(&origins, cli.annotations.as_deref(), base)
        .map_err(|e| e.to_string())?;
    let set_up = set_up(cli, keymap)?;
    let configure = move |mut state: AppState| {
        state.set_up(set_up.clone());
        state
    };
    let preview = session::preview(&prepared).map(&configure);
    if preview.is_none() {
        session::finish_reading(&mut prepared).map_err(|e| e.to_string())?;
    }
    let load = move || {
        let split = session::split_first(&mut prepared).map_err(|e| e.to_string())?;
        let (state, rests) = session::assemble_first(prepared, split);
        let rests: Vec<app::Rest> = rests
            .into_iter()
            .map(|rest| -> app::Rest { Box::new(move || rest.land().map_err(|e| e.to_string())) })
            .collect();
        Ok((configure(state), rests))
    };
    app::run_first(preview, load).map_err(|e| e.to_string())
}

/// The reader's settings and the files read, for the state before its first action; or
/// why the settings cannot be used.
fn set_up(cli: &Cli, keymap: Keymap) -> Result<SetUp, String> {
    let settings_path = settings::path();
    let settings = settings_path
        .as_deref()
        .map(settings::load)
        .transpose()
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Ok(SetUp {
        // Absolute, as links to another file record its path.
        essay_files: cli
            .files
            .iter()
            .map(|f| std::path::absolute(f).unwrap_or_else(|_| f.clone()))
            .collect(),
        theme: Theme::new(settings.palette, no_color),
        settings,
        settings_path,
        keymap,
    })
}

/// The keys in force: the reader's key file over the defaults.
fn keymap() -> Result<Keymap, keymap::file::KeyFileError> {
    match keymap::file::path() {
        Some(path) => keymap::file::load(&path),
        None => Ok(Keymap::default()),
    }
}

/// `marginalia keys`: the keys in force, the defaults, or the README's table.
fn keys(defaults: bool, markdown: bool) -> Result<i32, String> {
    let text = if markdown {
        keymap::file::to_markdown(&Keymap::default())
    } else if defaults {
        keymap::file::to_toml(&Keymap::default())
    } else {
        match keymap() {
            Ok(map) => keymap::file::to_toml(&map),
            Err(e) => {
                eprintln!("marginalia: {}", clean(&e.to_string()));
                return Ok(2);
            }
        }
    };
    print!("{text}");
    Ok(0)
}

/// `marginalia text FILE...`: each essay as marginalia reads it, as plain text. A file that
/// cannot be read is named on standard error in one line (exit 2), and nothing is printed.
fn text(files: &[PathBuf], format: Option<marginalia::essay::Format>) -> Result<i32, String> {
    use std::io::Write;
    let mut essays = Vec::new();
    for path in files {
        match marginalia::essay::load_as(path, format) {
            Ok(read) => essays.extend(read),
            Err(e) => {
                eprintln!("marginalia: {}", clean(&e.to_string()));
                return Ok(2);
            }
        }
    }
    let out = marginalia::essay::dump_all(&essays);
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is no failure of marginalia's.
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
    Ok(0)
}
