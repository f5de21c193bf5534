package net.sigsrv.infra.doctor;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one doctor run found, in report order (area, then check, then host and subject), and what it cost: its time,
 * its API calls, and per step ({@link Phases}) when it began and ended, in ms from the start.
 */
public record Report(List<Finding> findings, Duration took, long apiCalls, Map<String, List<Long>> phases) {

    public Report {
        findings = List.copyOf(findings);
        phases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases)); // in begin order
    }

    public Report(List<Finding> findings, Duration took, long apiCalls) {
        this(findings, took, apiCalls, Map.of());
    }

    /** The worst severity found; OK when everything is fine (or nothing was checked). */
    public Severity worst() {
        return findings.stream().map(Finding::severity).reduce(Severity.OK, Severity::worst);
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }

    /** Findings with a problem and no cause: the ones to act on. */
    public List<Finding> roots() {
        return findings.stream().filter(Finding::isRoot).toList();
    }

    /** Areas that have at least one problem. */
    public Set<Area> troubledAreas() {
        Set<Area> out = EnumSet.noneOf(Area.class);
        findings.stream().filter(f -> f.severity().isProblem()).forEach(f -> out.add(f.area()));
        return out;
    }

    public Optional<Finding> find(String key) {
        return findings.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** The host commands of the root findings, in the order a fix must run them. */
    public List<HostCommand> fixCommands() {
        return roots().stream().sorted(java.util.Comparator.comparingInt(Report::fixOrder))
                .flatMap(f -> f.remedy().commands().stream()).distinct().toList();
    }

    /** The daemon (API) fixes of the root findings, each once, in report order. */
    public List<DaemonFix> daemonFixes() {
        return roots().stream().flatMap(f -> f.remedy().daemonFixes().stream()).distinct().toList();
    }

    /**
     * An interface that carries an address must be flushed before it is bridged, and brought up before traffic
     * can cross it: addresses first, then link state and MTU, then the bridge attachment.
     */
    private static int fixOrder(Finding f) {
        Map<Check, Integer> order = Map.of(Check.VLAN_UNCONFIGURED, 0, Check.VLAN_ID, 1, Check.VLAN_UP, 2,
                Check.VLAN_MTU, 3, Check.SEGMENT_MTU, 3, Check.BRIDGE_ATTACHED, 4);
        return order.getOrDefault(f.check(), 5);
    }

    /** "3 errors, 1 warning in 2 areas", or "all N checks ok". */
    public String summaryLine() {
        long errors = count(Severity.ERROR);
        long critical = count(Severity.CRITICAL);
        long warnings = count(Severity.WARN);
        if (errors + critical + warnings == 0) {
            return "all ok: " + findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + " in "
                    + findings.stream().map(Finding::area).collect(Collectors.toSet()).size() + " area"
                    + (findings.stream().map(Finding::area).distinct().count() == 1 ? "" : "s");
        }
        StringBuilder s = new StringBuilder();
        if (critical > 0) {
            s.append(critical).append(" critical, ");
        }
        s.append(errors).append(errors == 1 ? " error, " : " errors, ").append(warnings)
                .append(warnings == 1 ? " warning" : " warnings");
        int areas = troubledAreas().size();
        s.append(" in ").append(areas).append(areas == 1 ? " area" : " areas");
        int roots = roots().size();
        s.append("; ").append(roots).append(roots == 1 ? " root cause" : " root causes");
        return s.toString();
    }
}
