package net.sigsrv.infra.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.guard.PrivilegedRule;
import net.sigsrv.infra.guard.Protection;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.incus.Instances;
import net.sigsrv.infra.incus.Tagged;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.InstanceState;
import net.sigsrv.infra.spec.model.Privilege;

/**
 * Instances: list, show, launch, start/stop/restart, delete, exec, config set (file push and pull: {@link FileCopy}).
 * Launch and config set obey the privileged rule (keys from the launch's profiles included); delete and config set
 * obey protection.
 */
public final class InstanceOps {

    private final IncusClient client;
    private final Guards guards;

    public InstanceOps(IncusClient client, Guards guards) {
        this.client = client;
        this.guards = guards;
    }

    /**
     * What to launch. {@code network}, {@code storage} and {@code target} may be null (the profiles' NIC and root
     * disk, the cluster's placement).
     */
    public record Launch(String project, String image, String name, String network, String storage, String target,
                         List<String> profiles, Map<String, String> config) {
    }

    /** An instance with its live state (addresses, processes). */
    public record InstanceView(Instance instance, InstanceState state) {
    }

    public List<Instance> list(String project, boolean allProjects) {
        return allProjects ? client.instances().listAllProjects(client.projects()) : client.instances().list(project);
    }

    public InstanceView show(String project, String name) {
        Instance i = client.instances().get(project, name).value();
        InstanceState s = client.instances().state(project, name);
        return new InstanceView(i, s);
    }

    /**
     * Creates an instance and starts it unless {@code start} is false; refused before anything is created when it
     * would be privileged without the spec's leave.
     */
    public void launch(Launch l, boolean start) {
        List<String> profiles = l.profiles().isEmpty() ? List.of("default") : l.profiles();
        ReservedKeys.refuse("instance " + l.name() + " in project " + l.project(), l.config().keySet());
        refuse(guards.privileged().refusal(l.project(), l.name(), grants(l.project(), profiles, l.config())));
        Map<String, Map<String, String>> devices = new LinkedHashMap<>();
        if (l.network() != null) {
            devices.put("eth0", Map.of("type", "nic", "network", l.network(), "name", "eth0"));
        }
        if (l.storage() != null) {
            devices.put("root", Map.of("type", "disk", "path", "/", "pool", l.storage()));
        }
        InstanceCreate create = new InstanceCreate(l.name(), "container", l.image(), "", profiles, l.config(),
                devices);
        client.instances().create(l.project(), create, l.target(), start);
    }

    /**
     * The privileged and privileged-equivalent keys an instance of {@code project} with these profiles and own
     * {@code config} would carry: the profiles' config is read from the daemon (a project without its own profiles
     * answers with the default project's), and a profile that does not exist is left for the daemon to refuse.
     */
    List<PrivilegedRule.Grant> grants(String project, List<String> profiles, Map<String, String> config) {
        List<PrivilegedRule.Source> sources = new ArrayList<>();
        for (String p : profiles) {
            profileConfig(client, project, p).ifPresent(c -> sources.add(new PrivilegedRule.Source("profile " + p,
                    c)));
        }
        sources.add(new PrivilegedRule.Source("", config));
        return PrivilegedRule.grants(sources);
    }

    /** The config of profile {@code name} as instances of {@code project} see it, or empty when there is none. */
    static Optional<Map<String, String>> profileConfig(IncusClient client, String project, String name) {
        try {
            return Optional.of(client.projects().profile(project, name).value().config());
        } catch (IncusException e) {
            if (e.kind() != IncusException.Kind.NOT_FOUND) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** {@code action} is start, stop or restart; {@code force} kills instead of a clean shutdown. */
    public void changeState(String project, String name, String action, boolean force) {
        client.instances().setState(project, name, action, force);
    }

    /**
     * Deletes an instance. Refused when the spec protects it or the lab does ({@code security.protection.delete}),
     * and when it is running without {@code force} (with force it is stopped first).
     */
    public void delete(String project, String name, boolean force) {
        guards.checkDelete("instance", project, name);
        Instance i = client.instances().get(project, name).value();
        if (Privilege.isTrue(i.config().get("security.protection.delete"))) {
            throw new Refused(Protection.labProtected(project, name));
        }
        if (i.isRunning()) {
            if (!force) {
                throw new Refused("instance " + name + " in project " + project + " is running; stop it first"
                        + " (`infra instance stop " + name + "`) or delete with --force");
            }
            client.instances().setState(project, name, "stop", true);
        }
        client.instances().delete(project, name);
    }

    /** Runs {@code command} inside the instance and returns its exit code and output. */
    public Instances.ExecResult exec(String project, String name, List<String> command, Duration timeout) {
        return client.instances().exec(project, name, command, timeout);
    }

    /**
     * Sets one config key of the instance itself (not its profiles). Refused when it would make the instance
     * privileged without the spec's leave, or lift the protection of an instance the spec protects.
     */
    public void configSet(String project, String name, String key, String value) {
        ReservedKeys.refuse("instance " + name + " in project " + project, List.of(key));
        refuse(guards.privileged().refusal(project, name, Map.of(key, value)));
        if (key.equals("security.protection.delete") && !Privilege.isTrue(value)) {
            refuse(guards.protection().unprotectRefusal(project, name));
        }
        Tagged<Instance> t = client.instances().get(project, name);
        Map<String, String> config = new LinkedHashMap<>(t.value().config());
        if (value.isEmpty()) {
            config.remove(key);
        } else {
            config.put(key, value);
        }
        client.instances().update(project, name, writable(t.value(), config, t.value().devices()), t.etag());
    }

    /** The fields a PUT of an instance replaces, with new config and devices. */
    static Map<String, Object> writable(Instance i, Map<String, String> config,
                                        Map<String, Map<String, String>> devices) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("description", i.description());
        w.put("config", config);
        w.put("devices", devices);
        w.put("profiles", i.profiles());
        w.put("ephemeral", i.ephemeral());
        return w;
    }

    static void refuse(Optional<String> refusal) {
        refusal.ifPresent(m -> {
            throw new Refused(m);
        });
    }
}
