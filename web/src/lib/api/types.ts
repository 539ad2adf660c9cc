// Read models as the API returns them; derived from the API's own zod views, never hand-copied.
export type {
  CustomerView,
  RealtimeEvent,
  MessageView,
  NotificationView,
  OrganizationView,
  StaffUserView,
  TicketDetailView,
  TicketEventView,
  TicketView,
  StaffChatClientEvents,
  StaffChatServerEvents,
  WidgetPage,
  PortalAccount,
  PortalTicketDetail,
  PortalTicketStatus,
  PortalTicketSummary,
} from "@helpdesk/api/domain";
export type { TicketPriority, TicketStatus, ChannelKind, UserRole } from "@helpdesk/api/domain";
