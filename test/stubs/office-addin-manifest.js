// Stand-in for office-addin-manifest under Jest (see jest.config.js): office-addin-mock only uses this enum.
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};
