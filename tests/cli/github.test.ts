import { describe, expect, it } from "vitest";
import { formatGithub, githubPath } from "../../src/cli/report/github.js";
import { diag } from "../../src/diagnostics.js";

describe("GitHub annotation paths", () => {
  it("are relative to the working directory, with forward slashes", () => {
    expect(githubPath("events/cicon", "delegates.csv", {}, "/repo")).toBe("events/cicon/delegates.csv");
    expect(githubPath("/repo/events/cicon", "delegates.csv", {}, "/repo")).toBe("events/cicon/delegates.csv");
    expect(githubPath(".", "delegates.csv", {}, "/repo")).toBe("delegates.csv");
  });

  it("resolve a file event.yaml names by an absolute path instead of appending it to the folder", () => {
    expect(githubPath("events/cicon", "/repo/shared/delegates.csv", {}, "/repo")).toBe(
      "shared/delegates.csv",
    );
    expect(githubPath("events/cicon", "../shared/sessions.csv", {}, "/repo")).toBe(
      "events/shared/sessions.csv",
    );
  });

  it("are relative to GITHUB_WORKSPACE when a workflow runs in a subfolder", () => {
    expect(githubPath("cicon", "venues.csv", { GITHUB_WORKSPACE: "/repo" }, "/repo/events")).toBe(
      "events/cicon/venues.csv",
    );
  });

  it("are left out for a file outside the repository, which is named in the message instead", () => {
    expect(githubPath("events/cicon", "/srv/data/delegates.csv", {}, "/repo")).toBeUndefined();
    expect(githubPath("../elsewhere", "delegates.csv", {}, "/repo")).toBeUndefined();
    const d = diag(
      "room-conflict",
      "error",
      { file: "/srv/data/sessions.csv", line: 4, column: 6 },
      "overlap",
      "move",
    );
    const text = formatGithub([d], (f) => githubPath("events/cicon", f, {}, "/repo"));
    expect(text.split("\n")[0]).toBe(
      "::error title=room-conflict::/srv/data/sessions.csv:4:6: overlap%0Amove",
    );
  });
});
