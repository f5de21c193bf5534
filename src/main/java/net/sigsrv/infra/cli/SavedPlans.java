package net.sigsrv.infra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.PlanFile;
import net.sigsrv.infra.plan.SavedPlanCheck;
import net.sigsrv.infra.spec.yaml.YamlFile;

/**
 * How {@code apply} and {@code show} trust a saved plan. Reading: the file must be a plan of this format, complete
 * and well typed ({@link PlanFile#read}). Applying: the spec the file names must still have the saved digest; it is
 * loaded and validated as any spec is; a plan made now from it against the live lab must have seen the same
 * objects (the observed fingerprint) and must have exactly the saved changes; and the file must carry its own
 * changes digest and this user's seal. Every refusal says what differs, exits 2 (bad input) and touches nothing;
 * what apply then applies is the plan made now, never the file's content.
 */
final class SavedPlans {

    private SavedPlans() {
    }

    /** Reads {@code file}, refusing one that is not a complete saved plan of this format. */
    static PlanFile.Saved read(Path file) throws IOException {
        try {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new PlanFile.Unreadable("not UTF-8 text (damaged?)");
            }
            return PlanFile.read(text, PlanKey.load());
        } catch (PlanFile.Unreadable e) {
            throw InfraException.invalidInput(file + " is not a saved plan this infra can use: " + e.getMessage()
                    + "; nothing was done. Save the plan again with 'infra plan -out " + file + " SPEC'.");
        }
    }

    /** {@code show}'s check: the file as infra wrote it, by its digest and seal. */
    static void requireIntact(Path file, PlanFile.Saved saved) {
        if (!saved.problems().isEmpty()) {
            throw InfraException.invalidInput(refusal(file, saved, saved.problems(), "nothing is shown"));
        }
    }

    /**
     * The spec the plan was made from, read once: the bytes must have the saved digest, and they are what is
     * loaded and validated.
     */
    static SpecInput.Digested spec(Path file, PlanFile.Saved saved, PrintWriter err) {
        Path spec = Path.of(saved.spec().path());
        byte[] bytes;
        try {
            // only a regular file of a spec's size: the path comes from the file, which may name /dev/zero or a pipe
            if (!Files.exists(spec)) {
                throw new NoSuchFileException(spec.toString());
            }
            if (!Files.isRegularFile(spec) || Files.size(spec) > YamlFile.MAX_BYTES) {
                throw new IOException("not a regular file of at most " + YamlFile.MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(spec);
        } catch (IOException e) {
            throw InfraException.invalidInput(file + " was planned from " + spec + ", which cannot be read now ("
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()) + "); nothing was applied."
                    + " The spec must stay where it was until its saved plan is applied.");
        }
        if (!SpecInput.sha256(bytes).equals(saved.spec().sha256())) {
            throw InfraException.invalidInput(spec + " has changed since " + file + " was planned from it (its"
                    + " SHA-256 is not the saved one); nothing was applied. Run 'infra plan -out " + file + " "
                    + spec + "' again.");
        }
        return SpecInput.parse(spec, bytes, err);
    }

    /**
     * Refuses {@code saved} unless {@code now}, planned from its spec against the live lab, is the same plan. A
     * file as infra wrote it (digest and seal intact) whose objects changed in the lab is the common case, "the lab
     * has changed"; any other refusal lists the changes that differ from the plan made now, then what the file's
     * own checks found.
     */
    static void requireSame(Path file, PlanFile.Saved saved, Plan now) {
        Plan plan = saved.plan();
        boolean labChanged = !plan.observedFingerprint().equals(now.observedFingerprint());
        if (labChanged && saved.problems().isEmpty()) {
            throw InfraException.invalidInput("the lab has changed since " + file + " was planned; nothing was"
                    + " applied. Run 'infra plan -out " + file + " " + saved.spec().path() + "' again.");
        }
        List<String> problems = new ArrayList<>();
        if (!plan.lab().equals(now.lab())) {
            problems.add("it names lab " + plan.lab() + ", but its spec is of lab " + now.lab());
        }
        if (!SavedPlanCheck.same(plan.changes(), now.changes())) {
            List<String> differences = SavedPlanCheck.differences(plan.changes(), now.changes());
            problems.add("its changes are not the ones its spec and the lab give now:" + (differences.isEmpty()
                    ? " their form differs" : "\n    " + String.join("\n    ", differences)));
        }
        if (labChanged) {
            problems.add("its observed_fingerprint is not the one the lab gives now (edited, or the lab changed too)");
        }
        problems.addAll(saved.problems());
        if (!problems.isEmpty()) {
            throw InfraException.invalidInput(refusal(file, saved, problems, "nothing was applied"));
        }
    }

    private static String refusal(Path file, PlanFile.Saved saved, List<String> problems, String outcome) {
        return "refusing " + file + ", " + outcome + ":\n  - " + String.join("\n  - ", problems)
                + "\nSave the plan again with 'infra plan -out " + file + " " + saved.spec().path() + "'.";
    }
}
