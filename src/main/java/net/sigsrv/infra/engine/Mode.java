package net.sigsrv.infra.engine;

/** What a plan aims at. */
public enum Mode {

    /** Make the lab match the spec: create what is missing, change what differs, delete what the lab owns but the
     * spec no longer declares. */
    APPLY("Apply"),

    /** Remove everything the lab owns: a plan against an empty desired lab (protected objects are kept, blocked). */
    DESTROY("Destroy");

    private final String title;

    Mode(String title) {
        this.title = title;
    }

    /** The word that opens the summary line of a run in this mode ("Apply complete!", "Destroy failed: …"). */
    public String title() {
        return title;
    }
}
