package net.sigsrv.infra.doctor;

import java.util.Arrays;
import java.util.Optional;

/** The groups checks belong to, in report order. */
public enum Area {
    CLUSTER("cluster", "Incus cluster"),
    NETWORK("network", "Network"),
    STORAGE("storage", "Storage"),
    SECURITY("security", "Isolation & security");

    private final String id;
    private final String title;

    Area(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The word used on the command line ({@code --area network}) and in JSON. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public static Optional<Area> of(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equalsIgnoreCase(id)).findFirst();
    }
}
