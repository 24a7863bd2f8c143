extension ValidationRun {
    /// Every reference must resolve; published entities may not lean on drafts;
    /// references to deprecated versions are pointed at their replacement.
    mutating func checkReferences(of anyEntity: AnyCatalogueEntity) {
        let entity = anyEntity.entity
        let key = anyEntity.key
        for link in entity.references {
            let versions = index.versions(link.kind, link.target.code)
            let target = ValidationRun.name(link.kind, link.target)
            guard !versions.isEmpty else {
                report(.danglingReference, key, at: link.path,
                       "refers to \(target), which does not exist in the catalogue",
                       fix: "Create \(link.kind.displayName) \(link.target.code), or correct the code \(ValidationRun.change(entity)).")
                continue
            }
            if let pinned = link.target.version, !versions.contains(where: { $0.key.version == pinned }) {
                let existing = versions.map { String($0.key.version) }.joined(separator: ", ")
                report(.danglingReference, key, at: link.path,
                       "refers to \(target), but \(link.target.code) has only version(s) \(existing)",
                       fix: "Pin an existing version (\(link.target.code)@\(versions.last!.key.version)) or create version \(pinned) \(ValidationRun.change(entity)).")
                continue
            }
            guard anyEntity.status != .deprecated, link.role != .replacedBy else { continue }
            guard let resolved = index.resolve(link.kind, link.target, includingDrafts: false) ?? resolvedDraft(link) else { continue }
            if resolved.status == .draft {
                if anyEntity.status == .published {
                    let what = link.target.version == nil
                        ? "\(target), which has no published version yet"
                        : "\(target), which is still a draft"
                    report(.referenceToDraft, key, at: link.path, "is published but refers to \(what)",
                           fix: "Publish \(link.kind.displayName) \(resolved.key.code)@\(resolved.key.version) first; a published version may only refer to published ones.")
                }
                continue
            }
            if resolved.status == .deprecated {
                let replacement = self.replacement(of: resolved, kind: link.kind)
                let replaced = replacement.map { "; it is replaced by \(link.kind.displayName) \($0)" } ?? ", with no replacement named"
                let fix = replacement.map { "Refer to \($0) instead \(ValidationRun.change(entity))." }
                    ?? "Refer to a current \(link.kind.displayName) instead, or drop the reference, \(ValidationRun.change(entity))."
                report(.deprecatedReference, key, at: link.path,
                       "refers to \(ValidationRun.name(resolved)), which is deprecated\(replaced)", fix: fix)
            }
        }
    }

    /// The draft a reference names when nothing else matches, so drafts are reported as drafts.
    private func resolvedDraft(_ link: CatalogueLink) -> AnyCatalogueEntity? {
        index.resolve(link.kind, link.target, includingDrafts: true)
    }

    /// What replaces a deprecated version: what it names, else a newer published version of the same code.
    private func replacement(of deprecated: AnyCatalogueEntity, kind: CatalogueKind) -> EntityReference? {
        if let named = deprecated.entity.replacedBy { return named }
        let newer = index.versions(kind, deprecated.key.code).last {
            $0.status == .published && $0.key.version > deprecated.key.version
        }
        return newer.map { EntityReference($0.key.code, version: $0.key.version) }
    }
}
