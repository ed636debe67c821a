package com.baedal.engine.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.baedal.engine.catalog.CatalogService;
import com.baedal.engine.catalog.Store;
import com.baedal.process.OrderProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Brings Camunda's groups, users, authorizations and shared Tasklist filters into the state the platform needs,
 * once the engine is up. Idempotent: safe on every start and on several nodes.
 * <ul>
 *   <li>always: groups {@code camunda-admin}, {@code operators}, {@code store-<storeId>} per catalog store and
 *       {@code riders-<region>} per catalog region, with their application, process-definition and filter
 *       grants. Task visibility itself comes from the engine's automatic task authorizations for candidate
 *       groups and assignees; there is deliberately no global task grant.</li>
 *   <li>the grant of the workers' service account (no Camunda user: see
 *       {@code security.EngineRestAuthenticationProvider}); a Camunda user of that id left by an older version is
 *       removed;</li>
 *   <li>task grants of tasks created before candidates got {@code TASK_WORK} lose {@code UPDATE};</li>
 *   <li>the first operator (member of {@code camunda-admin} and {@code operators}), only when a user id and an initial
 *       password are configured; created once, so a password changed later in Camunda Admin stays. Without one, and
 *       with no Camunda administrator yet, the start logs a warning;</li>
 *   <li>only with {@code baedal.demo.users=true} (local profile): {@code owner-<storeId>} and
 *       {@code rider-<region>-<n>} with password {@code demo} and display names ("Owner Gangnam Fried Chicken",
 *       "Rider 1 Gangnam"), and {@code admin} in {@code operators};</li>
 *   <li>the members of each store and rider group may read each other's profile, and operators everybody's, so that
 *       Tasklist shows who holds a task by name instead of by user id. Members added in Camunda Admin later get
 *       theirs on the next start (or a READ grant on the user in Admin).</li>
 * </ul>
 */
@Component
@Order(0)
public class IdentitySetup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

    public static final String TASKLIST = "tasklist";
    public static final String COCKPIT = "cockpit";
    public static final String DEMO_PASSWORD = "demo";
    public static final String DEMO_ADMIN = "admin";
    public static final int RIDERS_PER_REGION = 2;

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final CatalogService catalog;
    private final TasklistFilters filters;
    private final boolean demoUsers;
    private final String workersUser;
    private final String workersPassword;
    private final String operatorUser;
    private final String operatorPassword;

    public IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
                         CatalogService catalog, TasklistFilters filters,
                         @Value("${baedal.demo.users:false}") boolean demoUsers,
                         @Value("${baedal.workers.user:svc-workers}") String workersUser,
                         @Value("${baedal.workers.password:}") String workersPassword,
                         @Value("${baedal.operator.user:}") String operatorUser,
                         @Value("${baedal.operator.password:}") String operatorPassword) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.catalog = catalog;
        this.filters = filters;
        this.demoUsers = demoUsers;
        this.workersUser = workersUser;
        this.workersPassword = workersPassword;
        this.operatorUser = operatorUser;
        this.operatorPassword = operatorPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        setUp();
    }

    public void setUp() {
        // Runs without an authenticated user, so the engine does not check authorizations for these calls.
        identityService.clearAuthentication();
        List<Store> stores = catalog.stores();
        SortedSet<String> regions = new TreeSet<>();
        stores.forEach(store -> regions.add(store.region()));
        Map<String, String> filterIds = filters.ensureFilters();
        String storeFilter = filterIds.get(TasklistFilters.ORDERS_FOR_MY_STORE);
        String regionFilter = filterIds.get(TasklistFilters.DELIVERIES_IN_MY_REGION);
        String myDeliveriesFilter = filterIds.get(TasklistFilters.MY_DELIVERIES);

        setUpCamundaAdmins();
        setUpOperators(filterIds.values());
        for (Store store : stores) {
            String group = OrderProcess.storeGroup(store.storeId());
            ensureGroup(group, "Owners of " + store.name());
            grantTasklistUser(group, List.of(storeFilter));
        }
        for (String region : regions) {
            String group = OrderProcess.ridersGroup(region);
            ensureGroup(group, "Riders in " + region);
            grantTasklistUser(group, List.of(regionFilter, myDeliveriesFilter));
        }
        setUpWorkersAccount();
        downgradeTaskGrants();
        if (demoUsers) {
            setUpDemoUsers(stores, regions);
        }
        setUpFirstOperator();
        for (Store store : stores) {
            letColleaguesSeeNames(OrderProcess.storeGroup(store.storeId()));
        }
        for (String region : regions) {
            letColleaguesSeeNames(OrderProcess.ridersGroup(region));
        }
        log.info("Camunda identity ready: {} store groups, {} rider groups, {} filters, demo users: {}",
                stores.size(), regions.size(), filterIds.size(), demoUsers);
    }

    private void setUpCamundaAdmins() {
        ensureGroup(Groups.CAMUNDA_ADMIN, "Administrators", Groups.GROUP_TYPE_SYSTEM);
        for (Resource resource : Resources.values()) {
            grant(null, Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
        }
    }

    private void setUpOperators(Iterable<String> filterIds) {
        String operators = OrderProcess.GROUP_OPERATORS;
        ensureGroup(operators, "Operators", Groups.GROUP_TYPE_WORKFLOW);
        grant(null, operators, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
        grant(null, operators, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
        grant(null, operators, Resources.PROCESS_DEFINITION, ANY,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.UPDATE,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK);
        grant(null, operators, Resources.PROCESS_INSTANCE, ANY,
                ProcessInstancePermissions.READ, ProcessInstancePermissions.UPDATE);
        grant(null, operators, Resources.TASK, ANY, TaskPermissions.READ);
        grant(null, operators, Resources.USER, ANY, Permissions.READ);
        grant(null, operators, Resources.DEPLOYMENT, ANY, Permissions.READ);
        for (String filterId : filterIds) {
            grant(null, operators, Resources.FILTER, filterId, Permissions.READ);
        }
    }

    /** Store owners and riders: Tasklist, the order process (its forms) and their filters. Tasks: see class doc. */
    private void grantTasklistUser(String group, List<String> filterIds) {
        grant(null, group, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
        grant(null, group, Resources.PROCESS_DEFINITION, OrderProcess.PROCESS_KEY, ProcessDefinitionPermissions.READ);
        for (String filterId : filterIds) {
            grant(null, group, Resources.FILTER, filterId, Permissions.READ);
        }
    }

    /**
     * External-task workers fetch, lock, complete, fail, throw BPMN errors and extend locks on order-delivery
     * instances only: READ_INSTANCE and UPDATE_INSTANCE on that process definition are exactly what those check, and
     * all the account gets. The account authenticates with a configured secret, not as a Camunda user, so that
     * nobody can lock it out (which would stop every payment) or log into the webapps with it.
     */
    private void setUpWorkersAccount() {
        if (!StringUtils.hasText(workersUser)) {
            return;
        }
        if (identityService.createUserQuery().userId(workersUser).count() > 0) {
            identityService.deleteUser(workersUser);
            log.info("Removed the Camunda user {}: the workers' service account is configuration-only now",
                    workersUser);
        }
        grantExactly(workersUser, Resources.PROCESS_DEFINITION, OrderProcess.PROCESS_KEY,
                ProcessDefinitionPermissions.values(),
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE);
        if (!StringUtils.hasText(workersPassword)) {
            log.warn("No secret configured for the workers' service account '{}' (BAEDAL_WORKERS_PASSWORD): "
                    + "external-task workers cannot authenticate", workersUser);
        }
    }

    /**
     * Candidates and assignees get TASK_WORK on a task now (CamundaTrustPlugin), not UPDATE, which let them set any
     * variable of the order and reassign the task. Grants of tasks created before still carry UPDATE: they get
     * TASK_WORK instead. Only grants on single tasks; the administrators' grant on every task stays.
     */
    private void downgradeTaskGrants() {
        List<Authorization> updatable = authorizationService.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .resourceType(Resources.TASK)
                .hasPermission(Permissions.UPDATE)
                .list();
        int downgraded = 0;
        for (Authorization authorization : updatable) {
            if (ANY.equals(authorization.getResourceId())) {
                continue;
            }
            authorization.removePermission(Permissions.UPDATE);
            authorization.addPermission(Permissions.TASK_WORK);
            authorizationService.saveAuthorization(authorization);
            downgraded++;
        }
        if (downgraded > 0) {
            log.info("{} task grants changed from UPDATE to TASK_WORK", downgraded);
        }
    }

    /**
     * The operator who logs into Cockpit and Admin first (and creates everybody else there). Without any Camunda
     * administrator, Camunda Admin offers its "create initial user" page to whoever reaches it first.
     */
    private void setUpFirstOperator() {
        if (StringUtils.hasText(operatorUser) && StringUtils.hasText(operatorPassword)) {
            ensureUser(operatorUser, "Baedal", "Operator", operatorPassword);
            ensureMembership(operatorUser, Groups.CAMUNDA_ADMIN);
            ensureMembership(operatorUser, OrderProcess.GROUP_OPERATORS);
        } else if (StringUtils.hasText(operatorUser) || StringUtils.hasText(operatorPassword)) {
            log.warn("Only one of BAEDAL_OPERATOR_USER and BAEDAL_OPERATOR_PASSWORD is set: first operator not created");
        }
        if (identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
            log.warn("No engine administrator exists: set BAEDAL_OPERATOR_USER and BAEDAL_OPERATOR_PASSWORD to create"
                    + " the first operator; until then the Admin webapp offers its initial-user page to anybody");
        }
    }

    /** Tasklist shows the assignee's first and last name when the viewer may read that user, else the user id. */
    private void letColleaguesSeeNames(String group) {
        for (User member : identityService.createUserQuery().memberOfGroup(group).list()) {
            grant(null, group, Resources.USER, member.getId(), Permissions.READ);
        }
    }

    private void setUpDemoUsers(List<Store> stores, SortedSet<String> regions) {
        for (Store store : stores) {
            String userId = "owner-" + store.storeId();
            ensureDemoUser(userId, "Owner", store.name());
            ensureMembership(userId, OrderProcess.storeGroup(store.storeId()));
        }
        for (String region : regions) {
            for (int n = 1; n <= RIDERS_PER_REGION; n++) {
                String userId = "rider-" + region + "-" + n;
                ensureDemoUser(userId, "Rider " + n, capitalized(region));
                ensureMembership(userId, OrderProcess.ridersGroup(region));
            }
        }
        if (identityService.createUserQuery().userId(DEMO_ADMIN).count() > 0) {
            ensureMembership(DEMO_ADMIN, Groups.CAMUNDA_ADMIN);
            ensureMembership(DEMO_ADMIN, OrderProcess.GROUP_OPERATORS);
        }
    }

    // ---- idempotent building blocks ------------------------------------------------------------------------

    private void ensureGroup(String groupId, String name) {
        ensureGroup(groupId, name, Groups.GROUP_TYPE_WORKFLOW);
    }

    private void ensureGroup(String groupId, String name, String type) {
        if (identityService.createGroupQuery().groupId(groupId).count() > 0) {
            return;
        }
        Group group = identityService.newGroup(groupId);
        group.setName(name);
        group.setType(type);
        saveTolerantly(() -> identityService.saveGroup(group),
                () -> identityService.createGroupQuery().groupId(groupId).count() > 0, "group " + groupId);
    }

    /** Creates the demo user, or brings the display name of one created by an older version up to date. */
    private void ensureDemoUser(String userId, String firstName, String lastName) {
        ensureUser(userId, firstName, lastName, DEMO_PASSWORD);
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user != null && (!firstName.equals(user.getFirstName()) || !lastName.equals(user.getLastName()))) {
            user.setFirstName(firstName);
            user.setLastName(lastName);
            identityService.saveUser(user);
        }
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private void ensureUser(String userId, String firstName, String lastName, String password) {
        if (identityService.createUserQuery().userId(userId).count() > 0) {
            return;
        }
        User user = identityService.newUser(userId);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setPassword(password);
        saveTolerantly(() -> identityService.saveUser(user),
                () -> identityService.createUserQuery().userId(userId).count() > 0, "user " + userId);
    }

    private void ensureMembership(String userId, String groupId) {
        if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0) {
            return;
        }
        saveTolerantly(() -> identityService.createMembership(userId, groupId),
                () -> identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0,
                "membership " + userId + " in " + groupId);
    }

    /** Adds the permissions to the user's or group's GRANT on that resource, creating it when missing. */
    private void grant(String userId, String groupId, Resource resource, String resourceId,
                       Permission... permissions) {
        var query = authorizationService.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT)
                .resourceType(resource)
                .resourceId(resourceId);
        List<Authorization> existing = new ArrayList<>(userId != null
                ? query.userIdIn(userId).list()
                : query.groupIdIn(groupId).list());
        Authorization authorization = existing.isEmpty()
                ? authorizationService.createNewAuthorization(AUTH_TYPE_GRANT)
                : existing.get(0);
        boolean changed = existing.isEmpty();
        if (existing.isEmpty()) {
            // resource first: permissions are checked against the resource type
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
            if (userId != null) {
                authorization.setUserId(userId);
            } else {
                authorization.setGroupId(groupId);
            }
        }
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        saveTolerantly(() -> authorizationService.saveAuthorization(authorization), () -> false,
                "authorization " + Objects.requireNonNullElse(userId, groupId) + " on " + resource.resourceName()
                        + "/" + resourceId);
    }

    /**
     * Sets the user's GRANT on that resource to exactly these permissions (of {@code all} that the resource knows),
     * creating it when missing and taking away what an older version granted.
     */
    private void grantExactly(String userId, Resource resource, String resourceId, Permission[] all,
                              Permission... permissions) {
        List<Authorization> existing = authorizationService.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT).resourceType(resource).resourceId(resourceId).userIdIn(userId)
                .list();
        if (!existing.isEmpty() && Arrays.stream(existing.get(0).getPermissions(all))
                .filter(granted -> granted.getValue() != 0) // NONE is always "granted"
                .collect(Collectors.toSet()).equals(Set.of(permissions))) {
            return;
        }
        Authorization authorization = existing.isEmpty()
                ? authorizationService.createNewAuthorization(AUTH_TYPE_GRANT)
                : existing.get(0);
        if (existing.isEmpty()) {
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
            authorization.setUserId(userId);
        }
        authorization.setPermissions(permissions);
        saveTolerantly(() -> authorizationService.saveAuthorization(authorization), () -> false,
                "authorization " + userId + " on " + resource.resourceName() + "/" + resourceId);
    }

    /** Another node may create the same entity at the same moment; that is fine as long as it exists afterwards. */
    private void saveTolerantly(Runnable save, java.util.function.BooleanSupplier existsNow, String what) {
        try {
            save.run();
        } catch (RuntimeException e) {
            if (existsNow.getAsBoolean()) {
                log.debug("{} was created concurrently", what);
                return;
            }
            throw e;
        }
    }
}
