import * as kb from "@helpdesk/knowledge-base";
import { withPermission } from "../authorization.ts";

/**
 * The knowledge base's use cases that are not every staff member's, taking the actor: the package cannot know
 * who acts (it may not import the API), so the permission is asked here. Articles are written, published and
 * given files by every staff member, so their use cases are called as they are.
 */
export const createCategory = withPermission("manageKnowledgeBase", kb.createCategory);
export const updateCategory = withPermission("manageKnowledgeBase", kb.updateCategory);
export const deleteCategory = withPermission("manageKnowledgeBase", kb.deleteCategory);
export const createSection = withPermission("manageKnowledgeBase", kb.createSection);
export const updateSection = withPermission("manageKnowledgeBase", kb.updateSection);
export const deleteSection = withPermission("manageKnowledgeBase", kb.deleteSection);
export const getSearchAnalytics = withPermission("readReports", kb.getSearchAnalytics);
