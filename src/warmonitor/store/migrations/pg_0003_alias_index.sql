-- warmonitor store, version 3: fused_aliases are re-pointed by their target when fused events merge.
CREATE INDEX fused_aliases_target ON fused_aliases (fused_id);
