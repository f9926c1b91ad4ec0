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

/** The console's pages and actions, by path: the one table of what the console serves. */
final class Pages {
  private Pages() {}

  static void register(Router r, Services s, Layout layout) {
    HomePage home = new HomePage(s, layout);
    r.get("/", home::show);

    TableList tables = new TableList(s, layout);
    TablePage table = new TablePage(s, layout);
    StreamTab stream = new StreamTab(s, layout, table);
    ItemsTab items = new ItemsTab(s, layout);
    ItemEditor item = new ItemEditor(s, layout);
    r.get("/tables", tables::list)
        .get("/tables/create", tables::createForm).post("/tables/create", tables::create)
        .get("/tables/{table}", table::overview).post("/tables/{table}/delete", table::delete)
        .get("/tables/{table}/indexes", table::indexes)
        .get("/tables/{table}/streams", stream::show)
        .get("/tables/{table}/streams/enable", stream::enableForm).post("/tables/{table}/streams/enable", stream::enable)
        .post("/tables/{table}/streams/disable", stream::disable)
        .get("/tables/{table}/items", items::show)
        .get("/tables/{table}/items/create", item::createForm).post("/tables/{table}/items/create", item::create)
        .get("/tables/{table}/items/edit", item::editForm).post("/tables/{table}/items/edit", item::edit)
        .get("/tables/{table}/items/delete", item::deleteForm).post("/tables/{table}/items/delete", item::delete);

    FunctionList functions = new FunctionList(s, layout);
    CreateFunction create = new CreateFunction(s, layout);
    FunctionPage function = new FunctionPage(s, layout);
    TestTab test = new TestTab(s, layout, function);
    r.get("/functions", functions::list)
        .get("/functions/create", create::form).post("/functions/create", create::create)
        .get("/functions/{function}", function::code).post("/functions/{function}/code", function::deploy)
        .get("/functions/{function}/test", test::form).post("/functions/{function}/test", test::invoke)
        .get("/functions/{function}/configuration", function::configuration)
        .get("/functions/{function}/configuration/permissions", function::permissions)
        .get("/functions/{function}/triggers", function::triggers)
        .post("/functions/{function}/delete", function::delete);

    TriggerPages triggers = new TriggerPages(s, layout);
    r.get("/triggers/create", triggers::form).post("/triggers/create", triggers::create)
        .post("/triggers/{uuid}/enable", triggers::enable).post("/triggers/{uuid}/disable", triggers::disable)
        .post("/triggers/{uuid}/delete", triggers::delete);

    RoleList roles = new RoleList(s, layout);
    RolePage role = new RolePage(s, layout);
    r.get("/roles", roles::list).get("/roles/{role}", role::show)
        .get("/roles/{role}/attach", role::attachForm).post("/roles/{role}/attach", role::attach)
        .post("/roles/{role}/detach", role::detach)
        .get("/policies", role::policy);

    LogPages logs = new LogPages(s, layout);
    LiveTail tail = new LiveTail(s, layout);
    r.get("/logs", logs::groups).get("/logs/group", logs::group).get("/logs/stream", logs::stream)
        .get("/logs/tail", tail::page).get("/logs/tail/events", tail::events);
  }
}
