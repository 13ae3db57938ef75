/*
 * omvei/plan.h — the investment planner (DESIGN.md §5). Included by omvei.h; do not include it alone.
 */
#ifndef OMVEI_PLAN_H
#define OMVEI_PLAN_H

#endif /* OMVEI_PLAN_H */
