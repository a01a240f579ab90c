fn main() {
    for name in ["twilio", "voiceflow"] {
        match rolegate::PolicyEngine::builtin(name) {
            Ok(e) => println!("{name}: {} roles, {} actions, {} pages", e.roles().len(), e.actions().len(), e.pages().len()),
            Err(e) => { println!("{name}: {e}"); for p in e.problems() { println!("  {} {}", p.path, p.message); } }
        }
    }
}
