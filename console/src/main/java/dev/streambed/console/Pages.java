package dev.streambed.console;

import dev.streambed.console.functions.CreateFunction;
import dev.streambed.console.functions.FunctionList;
import dev.streambed.console.functions.FunctionPage;
import dev.streambed.console.functions.TestTab;
import dev.streambed.console.home.HomePage;
import dev.streambed.console.items.ItemEditor;
import dev.streambed.console.items.ItemsTab;
import dev.streambed.console.logs.LiveTail;
import dev.streambed.console.logs.LogPages;
import dev.streambed.console.roles.RoleList;
import dev.streambed.console.roles.RolePage;
import dev.streambed.console.tables.StreamTab;
import dev.streambed.console.tables.TableList;
import dev.streambed.console.tables.TablePage;
import dev.streambed.console.triggers.TriggerPages;
import dev.streambed.console.web.Layout;
import dev.streambed.console.web.Router;
import dev.streambed.console.web.Router.Need;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's pages and actions, by path: the one table of what the console serves, and of the
 * IAM permissions each needs (those of the API calls it stands for, see {@link Permissions}).
 */
final class Pages {
  private Pages() {}

  static void register(Router r, Services s, Layout layout) {
    Permissions p = new Permissions(s);
    HomePage home = new HomePage(s, layout);
    r.get("/", home::show);

    TableList tables = new TableList(s, layout);
    TablePage table = new TablePage(s, layout);
    StreamTab stream = new StreamTab(s, layout, table);
    ItemsTab items = new ItemsTab(s, layout);
    ItemEditor item = new ItemEditor(s, layout);
    Need describe = Permissions.dynamodb("DescribeTable");
    r.get("/tables", anyResource("dynamodb:ListTables"), tables::list)
        .get("/tables/create", tables::createForm)
        .post("/tables/create", Permissions.dynamodbForm("CreateTable", "name"), tables::create)
        .get("/tables/{table}", describe, table::overview)
        .post("/tables/{table}/delete", Permissions.dynamodb("DeleteTable"), table::delete)
        .get("/tables/{table}/indexes", describe, table::indexes)
        .get("/tables/{table}/streams", all(describe, anyResource("lambda:ListEventSourceMappings")), stream::show)
        .get("/tables/{table}/streams/enable", describe, stream::enableForm)
        .post("/tables/{table}/streams/enable", Permissions.dynamodb("UpdateTable"), stream::enable)
        .post("/tables/{table}/streams/disable", Permissions.dynamodb("UpdateTable"), stream::disable)
        .get("/tables/{table}/items", all(describe, Permissions.read()), items::show)
        .get("/tables/{table}/items/create", describe, item::createForm)
        .post("/tables/{table}/items/create", Permissions.dynamodb("PutItem"), item::create)
        .get("/tables/{table}/items/edit", Permissions.dynamodb("GetItem"), item::editForm)
        .post("/tables/{table}/items/edit", Permissions.dynamodb("PutItem"), item::edit)
        .get("/tables/{table}/items/delete", Permissions.dynamodb("GetItem"), item::deleteForm)
        .post("/tables/{table}/items/delete", Permissions.dynamodb("DeleteItem"), item::delete);

    FunctionList functions = new FunctionList(s, layout);
    CreateFunction create = new CreateFunction(s, layout);
    FunctionPage function = new FunctionPage(s, layout);
    TestTab test = new TestTab(s, layout, function);
    Need getFunction = Permissions.lambda("GetFunction");
    r.get("/functions", anyResource("lambda:ListFunctions"), functions::list)
        .get("/functions/create", Need.of("iam:ListRoles", x -> "arn:aws:iam::" + x.account() + ":role/"), create::form)
        .post("/functions/create", p.createFunction(), create::create)
        .get("/functions/{function}", getFunction, function::code)
        .post("/functions/{function}/code", Permissions.lambda("UpdateFunctionCode"), function::deploy)
        .get("/functions/{function}/test", getFunction, test::form)
        .post("/functions/{function}/test", Permissions.lambda("InvokeFunction"), test::invoke)
        .get("/functions/{function}/configuration", Permissions.lambda("GetFunctionConfiguration"),
            function::configuration)
        .get("/functions/{function}/configuration/permissions", getFunction, function::permissions)
        .get("/functions/{function}/triggers", all(getFunction, anyResource("lambda:ListEventSourceMappings")),
            function::triggers)
        .post("/functions/{function}/delete", Permissions.lambda("DeleteFunction"), function::delete);

    TriggerPages triggers = new TriggerPages(s, layout);
    r.get("/triggers/create", all(anyResource("lambda:ListFunctions"), anyResource("dynamodb:ListTables")),
            triggers::form)
        .post("/triggers/create", anyResource("lambda:CreateEventSourceMapping"), triggers::create)
        .post("/triggers/{uuid}/enable", Permissions.mapping("UpdateEventSourceMapping"), triggers::enable)
        .post("/triggers/{uuid}/disable", Permissions.mapping("UpdateEventSourceMapping"), triggers::disable)
        .post("/triggers/{uuid}/delete", Permissions.mapping("DeleteEventSourceMapping"), triggers::delete);

    RoleList roles = new RoleList(s, layout);
    RolePage role = new RolePage(s, layout);
    r.get("/roles", Need.of("iam:ListRoles", x -> "arn:aws:iam::" + x.account() + ":role/"), roles::list)
        .get("/roles/{role}", all(p.role("iam:GetRole"), p.role("iam:ListAttachedRolePolicies")), role::show)
        .get("/roles/{role}/attach", Need.of("iam:ListPolicies", x -> "arn:aws:iam::" + x.account() + ":policy/"),
            role::attachForm)
        .post("/roles/{role}/attach", p.role("iam:AttachRolePolicy"), role::attach)
        .post("/roles/{role}/detach", p.role("iam:DetachRolePolicy"), role::detach)
        .get("/policies", Need.of("iam:GetPolicy", x -> x.param("arn") == null ? "" : x.param("arn")), role::policy);

    LogPages logs = new LogPages(s, layout);
    LiveTail tail = new LiveTail(s, layout);
    r.get("/logs", anyResource("logs:DescribeLogGroups"), logs::groups)
        .get("/logs/group", Permissions.groupPage(), logs::group)
        .get("/logs/stream", Permissions.streamPage(), logs::stream)
        .get("/logs/tail", Permissions.logGroup("StartLiveTail", "group"), tail::page)
        .get("/logs/tail/events", Permissions.logGroup("StartLiveTail", "group"), tail::events);
  }

  private static Need anyResource(String action) {
    return Need.of(action, x -> "*");
  }

  private static Need all(Need... needs) {
    return x -> {
      List<Router.Permission> out = new ArrayList<>();
      for (Need n : needs) {
        out.addAll(n.of(x));
      }
      return out;
    };
  }
}
