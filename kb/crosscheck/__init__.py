"""Cross-checks (核对) of a declaration's reported figures against its evidence and vouchers.

`rules` holds each rule's id, title, severity, basis and detection together
(EVD-: 佐证材料, ACC-: 电子会计档案); `facts` gathers what the rules read from
the workflow database; `engine.crosscheck` runs them for one declaration.
"""
